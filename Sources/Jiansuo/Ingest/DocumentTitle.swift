/// The title shown for a document that carries none itself (HTML and Word documents may):
/// its first paragraph (lines up to a blank line, joined: a title wrapped by the source is
/// one title) when that is short enough to be a heading and not a sentence, passing over an
/// opening salutation (`各位代表：`) and a dateline (`——2023年3月5日在…`); else the file name
/// without its extension.
enum DocumentTitle {
    static let maximumCharacters = 80

    /// - Parameter boilerplate: lines passed over, so a page's toolbar is not its title.
    static func title(path: String, text: UnsafeBufferPointer<UInt8>, boilerplate: Boilerplate = .none) -> String {
        var paragraph = ""
        var start = 0
        while start < text.count {
            var end = start
            while end < text.count && text[end] != 0x0A { end += 1 }
            let line = TextScan.trimmed(start..<end, in: text)
            start = end + 1
            if line.isEmpty {
                guard paragraph.isEmpty else {
                    if let title = heading(paragraph) { return title }
                    if !isSalutation(paragraph) { break }
                    paragraph = ""
                    continue
                }
                continue
            }
            if boilerplate.matches(line, in: text) { continue }
            var candidate = Substring(String(decoding: UnsafeBufferPointer(rebasing: text[line]), as: UTF8.self))
            // A Markdown heading is a paragraph of its own, without its marks.
            if candidate.hasPrefix("#") {
                candidate = candidate.drop { $0 == "#" }.drop { $0 == " " || $0 == "\t" }
                if paragraph.isEmpty, let title = heading(String(candidate)) { return title }
            }
            if isDateline(candidate) {
                // A dateline ends the title above it, even with no blank line between.
                if let title = heading(paragraph) { return title }
                paragraph = ""
                continue
            }
            paragraph += candidate
            if paragraph.count > maximumCharacters { break }
        }
        if let title = heading(paragraph) { return title }
        return fileStem(path)
    }

    /// `paragraph` as a title: short, and neither a salutation nor a sentence (one ends
    /// there, or within it: a title holds no 。).
    private static func heading(_ paragraph: String) -> String? {
        guard !paragraph.isEmpty, paragraph.count <= maximumCharacters, !isSalutation(paragraph),
              !paragraph.contains("。"), let last = paragraph.last, !"；;！!？?，,".contains(last) else { return nil }
        return paragraph
    }

    /// An opening salutation (`各位代表：`, `同志们！`): it stands before a report's text.
    private static func isSalutation(_ paragraph: String) -> Bool {
        guard let last = paragraph.last else { return false }
        return paragraph.count <= 12 && "：:！!，,".contains(last)
    }

    /// A line saying when and where a report was given: `——2017年3月5日在…`,
    /// `（2019年1月10日在…）`.
    private static func isDateline(_ line: Substring) -> Bool {
        if line.hasPrefix("—") || line.hasPrefix("－－") || line.hasPrefix("--") { return true }
        guard let first = line.first, "（(".contains(first), let second = line.dropFirst().first else { return false }
        return second.isNumber
    }

    static func fileStem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
