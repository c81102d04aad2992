/// The title shown for a document: its first non-blank line when that is short enough to be
/// a heading, else the file name without its extension.
enum DocumentTitle {
    static let maximumCharacters = 80

    static func title(path: String, text: UnsafeBufferPointer<UInt8>) -> String {
        var start = 0
        while start < text.count {
            var end = start
            while end < text.count && text[end] != 0x0A { end += 1 }
            let line = TextScan.trimmed(start..<end, in: text)
            if !line.isEmpty {
                let candidate = String(decoding: UnsafeBufferPointer(rebasing: text[line]), as: UTF8.self)
                if candidate.count <= maximumCharacters { return candidate }
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
