/// The visible text of an HTML page, laid out the way the passage splitter expects.
///
/// Tags, comments, scripts, styles and other invisible elements go; entities are decoded.
/// Block elements (`<p>`, `<div>`, headings, …) become blank lines and line-level ones
/// (`<br>`, `<li>`, `<tr>`) line breaks, so paragraphs become passages as in a `.txt`
/// file. Other white space collapses to one space as a browser shows it, except inside
/// `<pre>`; a line break between two Chinese characters disappears (as CSS Text 3 says),
/// because Chinese is written without spaces. `<title>` is taken apart as the title.
enum HTMLText {
    struct Extracted {
        /// UTF-8.
        var text: [UInt8]
        var title: String?
        /// `<h1>`–`<h6>`, in order.
        var headings: [MarkedHeading] = []
    }

    /// The charset a page declares in its opening bytes: `<meta charset="gbk">` or
    /// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`.
    static func declaredCharset(in bytes: [UInt8]) -> String? {
        // Browsers only look this far for the declaration; so does Jiansuo.
        let head = Array(bytes.prefix(4096)).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        var index = 0
        while let meta = find(Array("<meta".utf8), in: head, from: index) {
            let end = find([UInt8(ascii: ">")], in: head, from: meta) ?? head.count
            if let key = find(Array("charset=".utf8), in: Array(head[meta..<end]), from: 0) {
                var start = meta + key + 8
                while start < end, head[start] == UInt8(ascii: "\"") || head[start] == UInt8(ascii: "'") || head[start] == 0x20 {
                    start += 1
                }
                var stop = start
                while stop < end, isCharsetNameByte(head[stop]) { stop += 1 }
                if stop > start { return String(decoding: head[start..<stop], as: UTF8.self) }
            }
            index = end
        }
        return nil
    }

    private static func isCharsetNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x3A
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0] && haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// Elements whose content is never shown.
    static let hidden: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "select", "button",
    ]
    /// Elements that begin and end a paragraph.
    static let blocks: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "caption", "center", "details", "dialog", "dir", "div",
        "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "html", "legend", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "tfoot", "thead", "ul",
    ]
    /// Elements that begin and end a line.
    static let lines: Set<String> = ["br", "dd", "dt", "li", "tr"]
    /// Elements that stand apart from their neighbours by a space.
    static let cells: Set<String> = ["td", "th"]

    /// The visible text of `html` (valid UTF-8) and its `<title>`.
    static func extract(_ html: [UInt8]) -> Extracted {
        var layout = TextLayout()
        var title: String?
        var headings: [MarkedHeading] = []
        var openHeading: MarkedHeading?
        var preDepth = 0
        var index = 0
        let count = html.count
        while index < count {
            let byte = html[index]
            if byte == UInt8(ascii: "&") {
                let (scalar, next) = entity(in: html, at: index)
                layout.add(scalar, preformatted: preDepth > 0)
                index = next
                continue
            }
            guard byte == UInt8(ascii: "<"), let tag = Tag.parse(html, at: index) else {
                let (scalar, width) = html.withUnsafeBufferPointer { UTF8Decoding.scalar(in: $0, at: index) }
                layout.add(scalar, preformatted: preDepth > 0)
                index += width
                continue
            }
            index = tag.end
            guard let name = tag.name else { continue }  // comment, doctype, processing instruction
            if !tag.isClosing && (hidden.contains(name) || name == "title") {
                let contentEnd = closingTag(name, in: html, from: index)
                if name == "title" && title == nil {
                    title = collapsedText(Array(html[index..<contentEnd.start]))
                }
                index = contentEnd.end
                continue
            }
            if name == "pre" { preDepth = max(0, preDepth + (tag.isClosing ? -1 : 1)) }
            // `h1`…`h6`: the range may start at the line breaks before the heading's text,
            // which the splitter's trimmed lines never hold, so it only meets the heading's line.
            if name.count == 2, name.first == "h", let level = name.last?.wholeNumberValue, (1...6).contains(level) {
                if !tag.isClosing {
                    openHeading = MarkedHeading(range: layout.output.count..<layout.output.count, level: level)
                } else if var heading = openHeading {
                    heading.range = heading.range.lowerBound..<layout.output.count
                    if !heading.range.isEmpty { headings.append(heading) }
                    openHeading = nil
                }
            }
            if blocks.contains(name) {
                layout.breakLine(blank: true)
            } else if lines.contains(name) {
                // `<li>` and `<br>` break before; `</li>` ends its line too.
                layout.breakLine(blank: false)
            } else if cells.contains(name) {
                layout.addSpace()
            }
        }
        return Extracted(text: layout.output, title: title.flatMap { $0.isEmpty ? nil : $0 }, headings: headings)
    }

    /// Text with entities decoded and white space collapsed, trimmed: for the title.
    private static func collapsedText(_ bytes: [UInt8]) -> String {
        var layout = TextLayout()
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&") {
                let (scalar, next) = entity(in: bytes, at: index)
                layout.add(scalar, preformatted: false)
                index = next
            } else {
                let (scalar, width) = bytes.withUnsafeBufferPointer { UTF8Decoding.scalar(in: $0, at: index) }
                layout.add(scalar == 0x0A ? 0x20 : scalar, preformatted: false)
                index += width
            }
        }
        return String(decoding: layout.output, as: UTF8.self)
    }

    /// Where the content of a raw-text element (`<script>`, `<title>`, …) opened before
    /// `start` ends, and where its closing tag ends; the end of the page if it is unclosed.
    private static func closingTag(_ name: String, in html: [UInt8], from start: Int) -> (start: Int, end: Int) {
        let pattern = Array("</\(name)".utf8)
        var index = start
        while index + pattern.count <= html.count {
            if html[index] == UInt8(ascii: "<"), html[index + 1] == UInt8(ascii: "/"),
                zip(html[index..<index + pattern.count], pattern).allSatisfy({ lowercased($0) == $1 })
            {
                let after = index + pattern.count
                if after == html.count || !Tag.isNameByte(html[after]) {
                    var end = after
                    while end < html.count && html[end] != UInt8(ascii: ">") { end += 1 }
                    return (index, min(end + 1, html.count))
                }
            }
            index += 1
        }
        return (html.count, html.count)
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    /// The character an entity at `start` (`&amp;`, `&#20195;`, `&#x4EE3;`) stands for and
    /// the index after it; a lone `&` or an unknown name stands for itself.
    static func entity(in bytes: [UInt8], at start: Int) -> (UInt32, Int) {
        var index = start + 1
        if index < bytes.count && bytes[index] == UInt8(ascii: "#") {
            index += 1
            let hex = index < bytes.count && (bytes[index] | 0x20) == UInt8(ascii: "x")
            if hex { index += 1 }
            var value: UInt32 = 0
            let digitsStart = index
            while index < bytes.count, let digit = digitValue(bytes[index], hex: hex), index - digitsStart < 8 {
                value = value * (hex ? 16 : 10) + digit
                index += 1
            }
            guard index > digitsStart else { return (0x26, start + 1) }
            if index < bytes.count && bytes[index] == UInt8(ascii: ";") { index += 1 }
            let valid = value != 0 && value <= 0x10FFFF && !(0xD800...0xDFFF).contains(value)
            return (valid ? value : 0xFFFD, index)
        }
        var end = index
        while end < bytes.count && end - index < 12 && Tag.isNameByte(bytes[end]) { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"),
            let value = HTMLEntities.named[String(decoding: bytes[index..<end], as: UTF8.self)]
        else { return (0x26, start + 1) }
        return (value, end + 1)
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x61...0x66 where hex: UInt32(byte - 0x61 + 10)
        case 0x41...0x46 where hex: UInt32(byte - 0x41 + 10)
        default: nil
        }
    }

    /// A tag at a `<`: its lowercased name (nil for comments and declarations), whether it
    /// closes, and the index after its `>`.
    struct Tag {
        var name: String?
        var isClosing: Bool
        var end: Int

        static func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2D || byte == 0x3A || byte == 0x5F
        }

        /// `nil` when the `<` does not open a tag (`a < b`), so it is shown as text.
        static func parse(_ html: [UInt8], at start: Int) -> Tag? {
            let count = html.count
            var index = start + 1
            guard index < count else { return nil }
            if html[index] == UInt8(ascii: "!") || html[index] == UInt8(ascii: "?") {
                if html[index...].starts(with: Array("!--".utf8)) {
                    var end = index + 3
                    while end + 2 < count && !(html[end] == 0x2D && html[end + 1] == 0x2D && html[end + 2] == 0x3E) { end += 1 }
                    return Tag(name: nil, isClosing: false, end: min(end + 3, count))
                }
                var end = index
                while end < count && html[end] != UInt8(ascii: ">") { end += 1 }
                return Tag(name: nil, isClosing: false, end: min(end + 1, count))
            }
            let isClosing = html[index] == UInt8(ascii: "/")
            if isClosing { index += 1 }
            let nameStart = index
            guard index < count, (html[index] | 0x20) >= 0x61, (html[index] | 0x20) <= 0x7A else { return nil }
            while index < count && isNameByte(html[index]) { index += 1 }
            let name = String(decoding: html[nameStart..<index].map(HTMLText.lowercased), as: UTF8.self)
            // Attributes: skip to the `>` that is not inside a quoted value.
            var quote: UInt8?
            while index < count {
                let byte = html[index]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    break
                }
                index += 1
            }
            return Tag(name: name, isClosing: isClosing, end: min(index + 1, count))
        }
    }
}

/// Builds extracted text: collapses white space, places line and paragraph breaks, and
/// drops a line break between two Chinese characters.
struct TextLayout {
    private(set) var output: [UInt8] = []
    private var pendingSpace = false
    private var pendingSpaceHadNewline = false
    /// 0 none, 1 a line break, 2 a blank line.
    private var pendingBreak = 0
    private var lastWasWide = false

    mutating func add(_ scalar: UInt32, preformatted: Bool) {
        if preformatted {
            flushBreak()
            if scalar == 0x0D { return }
            append(scalar)
            return
        }
        if scalar == 0x20 || scalar == 0x09 || scalar == 0x0A || scalar == 0x0D || scalar == 0x0C {
            pendingSpace = true
            if scalar == 0x0A || scalar == 0x0D { pendingSpaceHadNewline = true }
            return
        }
        if pendingBreak > 0 {
            flushBreak()
        } else if pendingSpace && !output.isEmpty && output.last != 0x0A {
            if !(pendingSpaceHadNewline && lastWasWide && Self.isWide(scalar)) { output.append(0x20) }
        }
        pendingSpace = false
        pendingSpaceHadNewline = false
        append(scalar)
    }

    mutating func addSpace() {
        pendingSpace = true
    }

    mutating func breakLine(blank: Bool) {
        pendingBreak = max(pendingBreak, blank ? 2 : 1)
    }

    private mutating func flushBreak() {
        defer {
            pendingBreak = 0
            pendingSpace = false
            pendingSpaceHadNewline = false
        }
        guard pendingBreak > 0, !output.isEmpty else { return }
        while output.last == 0x20 { output.removeLast() }
        var newlines = 0
        for byte in output.reversed() {
            guard byte == 0x0A else { break }
            newlines += 1
        }
        for _ in newlines..<max(newlines, pendingBreak) { output.append(0x0A) }
        lastWasWide = false
    }

    private mutating func append(_ scalar: UInt32) {
        let value = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        UTF8.encode(value) { output.append($0) }
        lastWasWide = Self.isWide(scalar)
    }

    /// Han, kana, Hangul and CJK punctuation: scripts written without spaces between words.
    static func isWide(_ scalar: UInt32) -> Bool {
        (0x2E80...0x9FFF).contains(scalar) || (0xF900...0xFAFF).contains(scalar) || (0xFF00...0xFF60).contains(scalar)
            || (0x20000...0x3FFFF).contains(scalar) || (0xAC00...0xD7A3).contains(scalar)
    }
}
