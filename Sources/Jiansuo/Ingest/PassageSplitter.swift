/// Splits a document into passages, the units that are ranked and shown.
///
/// A passage is a paragraph: lines run together until a blank line, or until a line that
/// ends a sentence is followed by one that does not continue it, so a line broken
/// mid-sentence — common in scraped reports, `…所作的\n政府工作报告\n。` — is mended. A
/// heading is a passage of its own, never joined to the text around it (so no phrase,
/// proximity or snippet runs across one); see `headingForm` for what counts as one.
/// Paragraphs longer than `maximumBytes` are cut at sentence ends; a fragment shorter than
/// `minimumBytes` joins the paragraph that follows, even across blank lines, but never
/// across a heading. Lines of web-page debris (`Boilerplate`) count as blank, and a
/// footer is left out, so they never become or join passages.
public struct PassageSplitter: Sendable {
    public var maximumBytes: Int
    public var minimumBytes: Int
    /// Lines of this many bytes or more are never headings.
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

    /// A passage and, when it is a heading, the heading's form.
    struct Passage: Equatable {
        var range: Range<Int>
        var heading: HeadingForm?
    }

    /// Byte ranges into `text.utf8` of its passages, in order, trimmed of white space.
    public func passages(in text: String) -> [Range<Int>] {
        Array(text.utf8).withUnsafeBufferPointer { passages(in: $0) }
    }

    /// Byte ranges of the passages of `text` (valid UTF-8), in order, trimmed of white space.
    public func passages(in text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        split(text).map(\.range)
    }

    /// The passages of `text` (valid UTF-8), in order, headings marked with their form. A
    /// line meeting a `marked` heading (sorted, from HTML or Word) is a heading of its level.
    func split(_ text: UnsafeBufferPointer<UInt8>, marked: [MarkedHeading] = []) -> [Passage] {
        let lines = self.lines(of: text)
        var nextMarked = 0
        var passages: [Passage] = []
        var body: [Range<Int>] = []  // the paragraphs since the last heading
        var current: Range<Int>?
        func endParagraph() {
            if let paragraph = current { body.append(paragraph) }
            current = nil
        }
        /// Ends the text since the last heading, and adds `heading` after it.
        func endBody(heading: Passage?) {
            endParagraph()
            passages += mergeFragments(body.flatMap { cutLong($0, in: text) }, in: text).map { Passage(range: $0) }
            body = []
            if let heading { passages.append(heading) }
        }
        for (index, line) in lines.enumerated() {
            while nextMarked < marked.count && marked[nextMarked].range.upperBound <= line.range.lowerBound { nextMarked += 1 }
            if nextMarked < marked.count, marked[nextMarked].range.lowerBound < line.range.upperBound {
                endBody(heading: Passage(range: line.range, heading: .level(marked[nextMarked].level)))
                continue
            }
            if line.blankBefore { endParagraph() }
            if let paragraph = current,
               !TextScan.endsSentence(paragraph, in: text) || TextScan.startsWithContinuation(line.range, in: text) {
                current = paragraph.lowerBound..<line.range.upperBound
                continue
            }
            endParagraph()
            if let form = headingForm(of: index, in: lines, text: text) {
                endBody(heading: Passage(range: line.range, heading: form))
            } else {
                current = line.range
            }
        }
        endBody(heading: nil)
        return passages
    }

    /// The non-blank lines of `text` before its footer, trimmed, each knowing whether a
    /// blank line (or debris) stands before it.
    private func lines(of text: UnsafeBufferPointer<UInt8>) -> [(range: Range<Int>, blankBefore: Bool)] {
        var lines: [(range: Range<Int>, blankBefore: Bool)] = []
        var blank = true
        var lineStart = 0
        let end = boilerplate.footerStart(in: text)
        while lineStart <= end {
            var lineEnd = lineStart
            while lineEnd < end && text[lineEnd] != 0x0A { lineEnd += 1 }
            let line = TextScan.trimmed(lineStart..<lineEnd, in: text)
            if line.isEmpty || boilerplate.matches(line, in: text) {
                blank = true
            } else {
                lines.append((line, blank))
                blank = false
            }
            lineStart = lineEnd + 1
        }
        return lines
    }

    /// The heading form of the line at `index`, which starts a paragraph, or `nil` when it is
    /// no heading. A heading is shorter than `headingBytes`, ends neither a sentence nor a
    /// clause (`，、：`), is no salutation (`各位代表：`) or dateline (`——2023年3月5日在…`), is
    /// not continued by the next line, and has text after it. A numbered line (`一、`,
    /// `（一）`, `1.`, `（1）`, `①`, `第一章`) or a Markdown heading is then a heading; an
    /// unnumbered line only when it is followed by a blank line, by another heading-like
    /// line, or by a clearly longer line: lines of one wrapped paragraph are of one width.
    private func headingForm(
        of index: Int, in lines: [(range: Range<Int>, blankBefore: Bool)], text: UnsafeBufferPointer<UInt8>
    ) -> HeadingForm? {
        let line = lines[index].range
        guard line.count < headingBytes, index + 1 < lines.count, !TextScan.endsSentence(line, in: text),
              !TextScan.endsClause(line, in: text) else { return nil }
        let next = lines[index + 1]
        if !next.blankBefore && TextScan.startsWithContinuation(next.range, in: text) { return nil }
        let string = Substring(String(decoding: UnsafeBufferPointer(rebasing: text[line]), as: UTF8.self))
        guard !DocumentTitle.isSalutation(string), !DocumentTitle.isDateline(string) else { return nil }
        let form = HeadingForm(line: string)
        if form.isNumbered || !next.blankBefore && next.range.count >= line.count + Self.longerBy { return form }
        if case .level = form { return form }
        if next.blankBefore { return form }
        // Another heading-like line: short, unfinished, numbered or naming a year.
        guard next.range.count < headingBytes, !TextScan.endsSentence(next.range, in: text) else { return nil }
        let nextForm = HeadingForm(line: Substring(String(decoding: UnsafeBufferPointer(rebasing: text[next.range]), as: UTF8.self)))
        return nextForm == .plain ? nil : form
    }

    /// How much longer (bytes, four Han characters) the line after an unnumbered heading
    /// must be: more than the indent a paragraph's first line loses to trimming.
    private static let longerBy = 12

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
            if joined.count < minimumBytes {
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

    /// Whether the range ends with a mark that leaves its clause open: `，、：,:`.
    static func endsClause(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !range.isEmpty else { return false }
        let last = scalar(at: previousScalarStart(before: range.upperBound, in: text, floor: range.lowerBound), in: text)
        return [0xFF0C, 0x3001, 0xFF1A, 0x2C, 0x3A].contains(last)
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
