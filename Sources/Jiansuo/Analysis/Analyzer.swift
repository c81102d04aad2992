/// A word of analyzed text: its search term and where it stands in the original.
public struct Token: Sendable, Hashable {
    /// The normalized form that the index stores and queries match.
    public let term: String
    /// The token's bytes in the original UTF-8 text.
    public let byteRange: Range<Int>
    /// The token's ordinal among the words of the text, from 0.
    public let position: Int
}

/// Turns text into search terms, the same way for indexing and for queries.
///
/// The text is folded first (`CodePointFolding`: NFKC_Casefold, then Traditional →
/// Simplified) and then broken into words by ICU, so that `會議` and `会议`, or `１９９５年`
/// and `1995年`, are segmented identically; each folded unit remembers the original bytes
/// it came from, so tokens keep exact offsets for snippets and highlights.
///
/// With a `UserDictionary`, words come from `DictionarySegmenter` (the dictionary's words,
/// ICU's where the dictionary has none); an index built with a dictionary analyzes its
/// queries with the same one.
///
/// An analyzer holds an ICU word breaker and reusable buffers: use one per thread.
public final class Analyzer {
    private let folding: CodePointFolding
    private let breaker: WordBreaker
    private let segmenter: DictionarySegmenter?
    /// The folded text of the last `analyze` call, and for each of its UTF-16 units the
    /// original byte range it came from.
    private var folded: [UInt16] = []
    private var sourceStart: [Int32] = []
    private var sourceEnd: [Int32] = []

    public init(dictionary: UserDictionary? = nil) throws(JiansuoError) {
        self.folding = try CodePointFolding()
        self.breaker = try WordBreaker()
        self.segmenter = dictionary.map(DictionarySegmenter.init)
    }

    /// The dictionary words come from, if any.
    public var dictionary: UserDictionary? { segmenter?.dictionary }

    /// `text` as its words in original characters — punctuation included, white space left
    /// out — so that joined they give `text` without its white space: the SIGHAN bakeoff's
    /// format for measuring segmentation.
    public func segmentedWords(in text: String) throws(JiansuoError) -> [String] {
        try segmentedWordRanges(in: text).map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) }
    }

    /// Each line of a UTF-8 file (LF or CR LF line ends) as its `segmentedWords`.
    public func segmentedLines(ofFile path: String) throws(JiansuoError) -> [[String]] {
        var lines: [[String]] = []
        for line in try TextLines.read(path) { lines.append(try segmentedWords(in: line)) }
        return lines
    }

    private func segmentedWordRanges(in text: String) throws(JiansuoError) -> [Range<Int>] {
        let utf8 = Array(text.utf8)
        var ranges: [Range<Int>] = []
        try utf8.withUnsafeBufferPointer { bytes throws(JiansuoError) in
            fold(bytes)
            let sourceStart = self.sourceStart, sourceEnd = self.sourceEnd
            try forEachPiece { start, end, _ in
                let range = Int(sourceStart[start])..<Int(sourceEnd[end - 1])
                // A character that folds to several (㈠ → (一)) stays in one word.
                if let last = ranges.last, range.lowerBound < last.upperBound {
                    ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
                } else {
                    ranges.append(range)
                }
            }
        }
        return ranges.filter { range in
            !String(decoding: utf8[range], as: UTF8.self).unicodeScalars.allSatisfy { Self.isSpace($0.value) }
        }
    }

    /// The tokens of `text`, with byte ranges into `text.utf8`.
    public func tokens(in text: String) throws(JiansuoError) -> [Token] {
        var tokens: [Token] = []
        let utf8 = Array(text.utf8)
        try utf8.withUnsafeBufferPointer { bytes throws(JiansuoError) in
            try analyze(bytes) { units, byteRange in
                let term = String(decoding: units, as: UTF16.self)
                tokens.append(Token(term: term, byteRange: byteRange, position: tokens.count))
            }
        }
        return tokens
    }

    /// The folded form of `text` (NFKC_Casefold, Traditional → Simplified).
    public func normalized(_ text: String) -> String {
        var output: [UInt16] = []
        for scalar in text.unicodeScalars {
            folding.fold(scalar.value, into: &output)
        }
        return String(decoding: output, as: UTF16.self)
    }

    /// What quoted phrases are matched against: the folded text without white space, so
    /// that a phrase is found even where the source breaks a line inside it.
    public func phraseText(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for character in phraseCharacters(in: text) {
            if let scalar = Unicode.Scalar(character.scalar) { scalars.append(scalar) }
        }
        return String(scalars)
    }

    /// The characters of `phraseText(text)`, each with the bytes of `text` it came from.
    public func phraseCharacters(in text: String) -> [(scalar: UInt32, byteRange: Range<Int>)] {
        var characters: [(scalar: UInt32, byteRange: Range<Int>)] = []
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            fold(bytes)
            forEachFoldedCharacter { scalar, start, end in
                characters.append((scalar, Int(sourceStart[start])..<Int(sourceEnd[end - 1])))
            }
        }
        return characters
    }

    /// Calls `body` with each non-space scalar of the folded text and its unit range there.
    private func forEachFoldedCharacter(_ body: (UInt32, Int, Int) -> Void) {
        var index = 0
        while index < folded.count {
            var scalar = UInt32(folded[index])
            var width = 1
            if UTF16.isLeadSurrogate(folded[index]), index + 1 < folded.count, UTF16.isTrailSurrogate(folded[index + 1]) {
                scalar = 0x10000 + (scalar - 0xD800) << 10 + (UInt32(folded[index + 1]) - 0xDC00)
                width = 2
            }
            if !Self.isSpace(scalar) { body(scalar, index, index + width) }
            index += width
        }
    }

    /// White space after folding (U+3000 and NBSP have become U+0020; ZWSP is gone).
    static func isSpace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200D, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            true
        default:
            false
        }
    }

    /// Calls `body` with each word of `bytes` (valid UTF-8): its folded UTF-16 units and its
    /// byte range in `bytes`. The units are only valid during the call.
    func analyze(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ body: (UnsafeBufferPointer<UInt16>, Range<Int>) -> Void
    ) throws(JiansuoError) {
        fold(bytes)
        // Locals, not properties: reading a class's stored property costs a dynamic
        // exclusivity check each time, and this loop runs once per token.
        let folded = self.folded, sourceStart = self.sourceStart, sourceEnd = self.sourceEnd
        try folded.withUnsafeBufferPointer { units throws(JiansuoError) in
            guard segmenter != nil else {
                try breaker.forEachWord(in: folded) { start, end in
                    let byteRange = Int(sourceStart[start])..<Int(sourceEnd[end - 1])
                    body(UnsafeBufferPointer(rebasing: units[start..<end]), byteRange)
                }
                return
            }
            try forEachPiece { start, end, isWord in
                guard isWord else { return }
                let byteRange = Int(sourceStart[start])..<Int(sourceEnd[end - 1])
                body(UnsafeBufferPointer(rebasing: units[start..<end]), byteRange)
            }
        }
    }

    /// After `fold`, calls `body` with the start and end (in `folded`) of every piece of the
    /// text — words, spaces and punctuation — and whether it is a word.
    private func forEachPiece(_ body: (Int, Int, Bool) -> Void) throws(JiansuoError) {
        let folded = self.folded
        try folded.withUnsafeBufferPointer { units throws(JiansuoError) in
            let icuPieces = try breaker.pieces(of: units)
            guard let segmenter else {
                for piece in icuPieces {
                    let isWord = units[piece].contains { DictionarySegmenter.isLetterOrDigit(UInt32($0)) }
                    body(piece.lowerBound, piece.upperBound, isWord)
                }
                return
            }
            for piece in segmenter.segment(units, icuPieces: icuPieces) {
                body(piece.start, piece.end, piece.isWord)
            }
        }
    }

    /// After `analyze`, calls `body` with the UTF-16 units of each character of the
    /// analyzed text's `phraseText`, in order. The units are only valid during the call.
    func forEachPhraseCharacter(_ body: (UnsafeBufferPointer<UInt16>) -> Void) {
        folded.withUnsafeBufferPointer { units in
            forEachFoldedCharacter { _, start, end in
                body(UnsafeBufferPointer(rebasing: units[start..<end]))
            }
        }
    }

    /// Decodes `bytes` (valid UTF-8) and folds each code point into `folded`.
    private func fold(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Work on local arrays (moved out of the properties, so no copy is made): appending
        // to a class's property checks exclusivity at run time on every call.
        var folded = self.folded, sourceStart = self.sourceStart, sourceEnd = self.sourceEnd
        self.folded = []
        self.sourceStart = []
        self.sourceEnd = []
        folded.removeAll(keepingCapacity: true)
        sourceStart.removeAll(keepingCapacity: true)
        sourceEnd.removeAll(keepingCapacity: true)
        folded.reserveCapacity(bytes.count)
        sourceStart.reserveCapacity(bytes.count)
        sourceEnd.reserveCapacity(bytes.count)
        var offset = 0
        while offset < bytes.count {
            let (scalar, width) = UTF8Decoding.scalar(in: bytes, at: offset)
            let before = folded.count
            folding.fold(scalar, into: &folded)
            for _ in before..<folded.count {
                sourceStart.append(Int32(offset))
                sourceEnd.append(Int32(offset + width))
            }
            offset += width
        }
        self.folded = folded
        self.sourceStart = sourceStart
        self.sourceEnd = sourceEnd
    }
}
