/// The title shown for a document that carries none itself (HTML and Word documents may):
/// its first non-blank line when that is short enough to be a heading, else the file name
/// without its extension.
enum DocumentTitle {
    static let maximumCharacters = 80

    /// - Parameter boilerplate: lines passed over, so a page's toolbar is not its title.
    static func title(path: String, text: UnsafeBufferPointer<UInt8>, boilerplate: Boilerplate = .none) -> String {
        var start = 0
        while start < text.count {
            var end = start
            while end < text.count && text[end] != 0x0A { end += 1 }
            let line = TextScan.trimmed(start..<end, in: text)
            if !line.isEmpty && !boilerplate.matches(line, in: text) {
                var candidate = Substring(String(decoding: UnsafeBufferPointer(rebasing: text[line]), as: UTF8.self))
                // A Markdown heading's marks are not part of its title.
                if candidate.hasPrefix("#") {
                    candidate = candidate.drop { $0 == "#" }.drop { $0 == " " || $0 == "\t" }
                }
                if !candidate.isEmpty && candidate.count <= maximumCharacters { return String(candidate) }
                break
            }
            start = end + 1
        }
        return fileStem(path)
    }

    static func fileStem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
