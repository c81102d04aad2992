/// The kinds of file Jiansuo reads, told by the file name's extension.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case text
    case markdown
    case html
    case docx
    case pdf

    /// Lowercased extensions, without the dot.
    public var extensions: [String] {
        switch self {
        case .text: ["txt", "text"]
        case .markdown: ["md", "markdown"]
        case .html: ["html", "htm", "xhtml"]
        case .docx: ["docx"]
        case .pdf: ["pdf"]
        }
    }

    /// How the format is named to a user.
    public var displayName: String {
        switch self {
        case .text: "text"
        case .markdown: "Markdown"
        case .html: "HTML"
        case .docx: "Word"
        case .pdf: "PDF"
        }
    }

    private static let byExtension: [String: DocumentFormat] = Dictionary(
        uniqueKeysWithValues: allCases.flatMap { format in format.extensions.map { ($0, format) } })

    /// The format of the file at `path`, or `nil` for an extension Jiansuo does not read.
    public init?(path: String) {
        guard let format = Self.byExtension[Self.fileExtension(of: path).lowercased()] else { return nil }
        self = format
    }

    /// The extension of the last path component, without the dot; "" when there is none.
    static func fileExtension(of path: String) -> String {
        let name = path.split(separator: "/").last ?? Substring(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }
}
