/// The text of a Word document (.docx): a ZIP archive whose `word/document.xml` holds the
/// body as `<w:p>` paragraphs of `<w:r>` runs of `<w:t>` text.
///
/// Each paragraph becomes one line, as a paragraph is a line in a `.txt` report, so the
/// passage splitter treats both alike (blank paragraphs separate). Paragraphs in a heading
/// style (`Heading1`…`Heading6`, or a style `word/styles.xml` names `heading 1`…`heading 6`)
/// or with an outline level are handed over as marked headings. Deleted revisions (`<w:delText>`) and field codes (`<w:instrText>`) are not
/// text a reader sees and are left out; headers, footers and footnotes live in other parts
/// and are not read. The title is the document's own (`docProps/core.xml`, `<dc:title>`)
/// when it has one.
enum DocxText {
    struct Extracted {
        /// UTF-8.
        var text: [UInt8]
        var title: String?
        var headings: [MarkedHeading] = []
    }

    /// A part larger than this is refused: a ZIP bomb would otherwise exhaust memory.
    static let maximumPartBytes = 512 << 20

    static func extract(_ bytes: [UInt8], path: String) throws(JiansuoError) -> Extracted {
        let body: [UInt8]?, core: [UInt8]?, styles: [UInt8]?
        do throws(ZipArchive.Failure) {
            let archive = try ZipArchive(bytes)
            body = try archive.contents(of: "word/document.xml", limit: maximumPartBytes)
            core = try archive.contents(of: "docProps/core.xml", limit: maximumPartBytes)
            styles = try archive.contents(of: "word/styles.xml", limit: maximumPartBytes)
        } catch {
            throw .unreadableDocument(path: path, reason: "not a readable Word (.docx) document: \(error)")
        }
        guard let body else {
            throw .unreadableDocument(path: path, reason: "not a Word (.docx) document: it has no word/document.xml")
        }
        try requireUTF8(body, part: "word/document.xml", path: path)
        if let core { try requireUTF8(core, part: "docProps/core.xml", path: path) }
        if let styles { try requireUTF8(styles, part: "word/styles.xml", path: path) }
        let (text, headings) = paragraphs(of: body, headingStyles: styles.map(headingStyles) ?? [:])
        return Extracted(text: text, title: core.flatMap(coreTitle), headings: headings)
    }

    /// The level of a heading style id: `Heading2` → 2 (Word's English ids).
    private static func builtInHeadingLevel(_ style: String) -> Int? {
        let lowered = style.lowercased()
        guard lowered.hasPrefix("heading"), let level = Int(lowered.dropFirst(7).trimmingPrefix(" ")),
              (1...6).contains(level) else { return nil }
        return level
    }

    /// Style ids of `word/styles.xml` whose name is `heading 1`…`heading 6` (Chinese Word
    /// gives them ids such as `1`, `2`), with their levels.
    static func headingStyles(_ xml: [UInt8]) -> [String: Int] {
        var styles: [String: Int] = [:]
        var styleID: String?
        var index = 0
        while index < xml.count {
            guard xml[index] == UInt8(ascii: "<") else { index += 1; continue }
            let end = tagEnd(in: xml, from: index)
            let tag = XMLTag(xml[index..<end])
            if tag.name == "w:style" && !tag.isClosing { styleID = attribute("w:styleId", of: xml[index..<end]) }
            if tag.name == "w:name", let id = styleID, let name = attribute("w:val", of: xml[index..<end]),
               let level = builtInHeadingLevel(name) {
                styles[id] = level
            }
            index = end
        }
        return styles
    }

    /// The value of attribute `name` in a tag's bytes, entities left as they are.
    private static func attribute(_ name: String, of tag: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: tag, as: UTF8.self)
        guard let found = text.firstRange(of: " " + name + "=\"") ?? text.firstRange(of: " " + name + "='") else { return nil }
        let quote = text[text.index(before: found.upperBound)]
        guard let close = text[found.upperBound...].firstIndex(of: quote) else { return nil }
        return String(text[found.upperBound..<close])
    }

    private static func requireUTF8(_ xml: [UInt8], part: String, path: String) throws(JiansuoError) {
        let valid = xml.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset(in: $0) == nil }
        guard valid else { throw .unreadableDocument(path: path, reason: "\(part) is not UTF-8 XML") }
    }

    /// The paragraphs of `word/document.xml`, one per line, and those in a heading style
    /// (`headingStyles`, or a built-in id such as `Heading1`) or with an outline level.
    static func paragraphs(of xml: [UInt8], headingStyles: [String: Int] = [:]) -> ([UInt8], [MarkedHeading]) {
        var output: [UInt8] = []
        var headings: [MarkedHeading] = []
        var paragraphStart = 0
        var level: Int?
        var inText = false
        // `<w:tab/>` also defines tab stops in paragraph properties; only inside a run is
        // it a character.
        var inRun = false
        var index = 0
        while index < xml.count {
            if xml[index] != UInt8(ascii: "<") {
                let next = nextTag(in: xml, from: index)
                if inText { appendDecoded(xml[index..<next], to: &output) }
                index = next
                continue
            }
            let end = tagEnd(in: xml, from: index)
            let tag = XMLTag(xml[index..<end])
            let bytes = xml[index..<end]
            index = end
            switch tag.name {
            case "w:r": inRun = !tag.isClosing && !tag.isEmpty
            case "w:t": inText = !tag.isClosing && !tag.isEmpty
            case "w:p" where !tag.isClosing && !tag.isEmpty:
                paragraphStart = output.count
                level = nil
            case "w:pStyle" where !inRun:
                if let style = attribute("w:val", of: bytes) {
                    level = headingStyles[style] ?? builtInHeadingLevel(style) ?? level
                }
            case "w:outlineLvl" where !inRun:
                if let value = attribute("w:val", of: bytes).flatMap({ Int($0) }), (0...5).contains(value) {
                    level = value + 1
                }
            case "w:p" where tag.isClosing || tag.isEmpty:
                if let level, output.count > paragraphStart, !tag.isEmpty {
                    headings.append(MarkedHeading(range: paragraphStart..<output.count, level: level))
                }
                level = nil
                output.append(0x0A)
            case "w:tab" where inRun && !tag.isClosing: output.append(0x09)
            case "w:br" where inRun && !tag.isClosing, "w:cr" where inRun && !tag.isClosing: output.append(0x0A)
            default: break
            }
        }
        return (output, headings)
    }

    /// `<dc:title>` of `docProps/core.xml`, if it is not blank.
    static func coreTitle(_ xml: [UInt8]) -> String? {
        var index = 0
        while index < xml.count {
            guard xml[index] == UInt8(ascii: "<") else { index += 1; continue }
            let end = tagEnd(in: xml, from: index)
            let tag = XMLTag(xml[index..<end])
            if tag.name == "dc:title" && !tag.isClosing && !tag.isEmpty {
                var text: [UInt8] = []
                appendDecoded(xml[end..<nextTag(in: xml, from: end)], to: &text)
                let title = String(decoding: text, as: UTF8.self)
                    .trimmingPrefix(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
                return title.isEmpty ? nil : String(title)
            }
            index = end
        }
        return nil
    }

    private static func nextTag(in xml: [UInt8], from start: Int) -> Int {
        var index = start
        while index < xml.count && xml[index] != UInt8(ascii: "<") { index += 1 }
        return index
    }

    private static func tagEnd(in xml: [UInt8], from start: Int) -> Int {
        var index = start
        var quote: UInt8?
        while index < xml.count {
            let byte = xml[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index + 1
            }
            index += 1
        }
        return xml.count
    }

    /// Appends XML character data with its five predefined entities and character
    /// references decoded (HTML's decoder knows them all).
    private static func appendDecoded(_ text: ArraySlice<UInt8>, to output: inout [UInt8]) {
        guard text.contains(UInt8(ascii: "&")) else {
            output.append(contentsOf: text)
            return
        }
        let bytes = Array(text)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "&") else {
                output.append(bytes[index])
                index += 1
                continue
            }
            let (scalar, next) = HTMLText.entity(in: bytes, at: index)
            UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { output.append($0) }
            index = next
        }
    }

    /// A tag's qualified name and whether it is a closing (`</w:p>`) or empty (`<w:p/>`) one.
    private struct XMLTag {
        var name: Substring
        var isClosing: Bool
        var isEmpty: Bool

        init(_ bytes: ArraySlice<UInt8>) {
            var start = bytes.startIndex + 1
            isClosing = start < bytes.endIndex && bytes[start] == UInt8(ascii: "/")
            if isClosing { start += 1 }
            var end = start
            while end < bytes.endIndex, ![0x20, 0x09, 0x0A, 0x0D, 0x2F, 0x3E].contains(bytes[end]) { end += 1 }
            name = Substring(String(decoding: bytes[start..<end], as: UTF8.self))
            isEmpty = bytes.count >= 2 && bytes[bytes.endIndex - 2] == UInt8(ascii: "/")
        }
    }
}
