/// Splits a document into passages, the units that are ranked and shown.
///
/// A passage is a paragraph: lines run together until a blank line, or until a line that
/// ends a sentence is followed by one that does not continue it. So a heading (no closing
/// punctuation) stays with the text under it, and a line broken mid-sentence — common in
/// scraped reports, `…所作的\n政府工作报告\n。` — is mended. Paragraphs longer than
/// `maximumBytes` are cut at sentence ends. A fragment shorter than `minimumBytes`, or a
/// heading — shorter than `headingBytes` and not ending a sentence — joins the passage that
/// follows, even across blank lines. Lines of web-page debris (`Boilerplate`) count as
/// blank, and a footer is left out, so they never become or join passages.
public struct PassageSplitter: Sendable {
    public var maximumBytes: Int
    public var minimumBytes: Int
    public var headingBytes: Int
    public var boilerplate: Boilerplate

    public init(
        maximumBytes: Int = 1_800, minimumBytes: Int = 30, headingBytes: Int = 150,
        boilerplate: Boilerplate = .standard
    ) {
        self.maximumBytes = max(maximumBytes, 16)
        self.minimumBytes = minimumBytes
        self.headingBytes = headingBytes
        self.boilerplate = boilerplate
    }

    /// Byte ranges into `text.utf8` of its passages, in order, trimmed of white space.
    public func passages(in text: String) -> [Range<Int>] {
        Array(text.utf8).withUnsafeBufferPointer { passages(in: $0) }
    }

    /// Byte ranges of the passages of `text` (valid UTF-8), in order, trimmed of white space.
    public func passages(in text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var paragraphs: [Range<Int>] = []
        var current: Range<Int>?
        var lineStart = 0
        let end = boilerplate.footerStart(in: text)
        while lineStart <= end {
            var lineEnd = lineStart
            while lineEnd < end && text[lineEnd] != 0x0A { lineEnd += 1 }
            let line = TextScan.trimmed(lineStart..<lineEnd, in: text)
            if line.isEmpty || boilerplate.matches(line, in: text) {
                if let paragraph = current { paragraphs.append(paragraph) }
                current = nil
            } else if let paragraph = current {
                let endsSentence = TextScan.endsSentence(paragraph, in: text)
                if endsSentence && !TextScan.startsWithContinuation(line, in: text) {
                    paragraphs.append(paragraph)
                    current = line
                } else {
                    current = paragraph.lowerBound..<line.upperBound
                }
            } else {
                current = line
            }
            lineStart = lineEnd + 1
        }
        if let paragraph = current { paragraphs.append(paragraph) }
        return mergeFragments(paragraphs.flatMap { cutLong($0, in: text) }, in: text)
    }

    /// Cuts a paragraph into pieces of at most `maximumBytes`, preferring sentence ends,
    /// then commas, then any character boundary.
    private func cutLong(_ paragraph: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start = paragraph.lowerBound
        while paragraph.upperBound - start > maximumBytes {
            let limit = start + maximumBytes
            let cut = TextScan.lastBreak(in: start..<limit, of: text, minimum: start + maximumBytes / 3)
            let piece = TextScan.trimmed(start..<cut, in: text)
            if !piece.isEmpty { pieces.append(piece) }
            start = cut
        }
        let rest = TextScan.trimmed(start..<paragraph.upperBound, in: text)
        if !rest.isEmpty { pieces.append(rest) }
        return pieces
    }

    private func mergeFragments(_ pieces: [Range<Int>], in text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        var pending: Range<Int>?
        for piece in pieces {
            let joined = pending.map { $0.lowerBound..<piece.upperBound } ?? piece
            let isHeading = joined.count < headingBytes && !TextScan.endsSentence(joined, in: text)
            if joined.count < minimumBytes || (isHeading && joined.count + headingBytes < maximumBytes) {
                pending = joined
            } else {
                merged.append(joined)
                pending = nil
            }
        }
        if let pending { merged.append(pending) }
        return merged
    }
}

/// Byte-level questions about UTF-8 text that passage splitting asks.
enum TextScan {
    /// Space, tab, CR, NBSP, ideographic space, zero-width space and BOM.
    static func whitespaceWidth(at index: Int, in text: UnsafeBufferPointer<UInt8>) -> Int {
        let byte = text[index]
        if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A || byte == 0x0B || byte == 0x0C { return 1 }
        if byte == 0xC2, index + 1 < text.count, text[index + 1] == 0xA0 { return 2 }
        guard index + 2 < text.count else { return 0 }
        let (second, third) = (text[index + 1], text[index + 2])
        if byte == 0xE3, second == 0x80, third == 0x80 { return 3 }  // U+3000
        if byte == 0xE2, second == 0x80, (0x8B...0x8D).contains(third) { return 3 }  // U+200B–U+200D
        if byte == 0xEF, second == 0xBB, third == 0xBF { return 3 }  // U+FEFF
        return 0
    }

    static func trimmed(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = range.lowerBound
        while start < range.upperBound {
            let width = whitespaceWidth(at: start, in: text)
            if width == 0 { break }
            start += width
        }
        var end = range.upperBound
        while end > start {
            let scalarStart = previousScalarStart(before: end, in: text, floor: start)
            if whitespaceWidth(at: scalarStart, in: text) == 0 { break }
            end = scalarStart
        }
        return start..<end
    }

    static func previousScalarStart(before index: Int, in text: UnsafeBufferPointer<UInt8>, floor: Int) -> Int {
        var start = index - 1
        while start > floor && text[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }

    private static let sentenceEnds: Set<UInt32> = [
        0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0x3B, 0x2026, 0xFF0E,  // 。！？；!?;…．
    ]
    private static let closers: Set<UInt32> = [
        0x201D, 0x2019, 0x300D, 0x300F, 0xFF09, 0x29, 0x300B, 0x3011,  // ”’」』）)》】
    ]
    private static let continuations: Set<UInt32> = [
        0x3002, 0xFF0C, 0x3001, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0x2C, 0x2E,  // 。，、；：！？,.
        0xFF09, 0x29, 0x300B, 0x300D, 0x300F, 0x201D, 0x3011,  // closing brackets and quotes
    ]

    private static func scalar(at index: Int, in text: UnsafeBufferPointer<UInt8>) -> UInt32 {
        UTF8Decoding.scalar(in: text, at: index).0
    }

    /// Whether the range's last character (looking through closing quotes) ends a sentence.
    static func endsSentence(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = range.upperBound
        while end > range.lowerBound {
            let start = previousScalarStart(before: end, in: text, floor: range.lowerBound)
            let last = scalar(at: start, in: text)
            if sentenceEnds.contains(last) { return true }
            guard closers.contains(last) else { return false }
            end = start
        }
        return false
    }

    static func startsWithContinuation(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        continuations.contains(scalar(at: range.lowerBound, in: text))
    }

    /// Where to cut inside `range`: just after the last sentence end at or after `minimum`,
    /// else after the last comma, else at the last character boundary of the range.
    static func lastBreak(in range: Range<Int>, of text: UnsafeBufferPointer<UInt8>, minimum: Int) -> Int {
        var commaCut: Int?
        // Start at a character boundary: a sentence end straddling the limit must not be
        // taken as a cut, or the cut would fall inside it.
        var index = range.upperBound
        while index > range.lowerBound && index < text.count && text[index] & 0xC0 == 0x80 { index -= 1 }
        while index > minimum {
            let start = previousScalarStart(before: index, in: text, floor: range.lowerBound)
            let value = scalar(at: start, in: text)
            if sentenceEnds.contains(value) { return index }
            if commaCut == nil && (value == 0xFF0C || value == 0x2C || value == 0x3001) { commaCut = index }
            index = start
        }
        if let commaCut { return commaCut }
        var cut = range.upperBound
        while cut > range.lowerBound + 1 && cut < text.count && text[cut] & 0xC0 == 0x80 { cut -= 1 }
        return cut
    }
}
