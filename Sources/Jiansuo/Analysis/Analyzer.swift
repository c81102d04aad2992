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
/// An analyzer holds an ICU word breaker and reusable buffers: use one per thread.
public final class Analyzer {
    private let folding: CodePointFolding
    private let breaker: WordBreaker
    /// The folded text of the last `analyze` call, and for each of its UTF-16 units the
    /// original byte range it came from.
    private var folded: [UInt16] = []
    private var sourceStart: [Int32] = []
    private var sourceEnd: [Int32] = []

    public init() throws(JiansuoError) {
        self.folding = try CodePointFolding.shared.get()
        self.breaker = try WordBreaker()
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

    /// The folded form of `text`: what phrases are matched against.
    public func normalized(_ text: String) -> String {
        var output: [UInt16] = []
        for scalar in text.unicodeScalars {
            folding.fold(scalar.value, into: &output)
        }
        return String(decoding: output, as: UTF16.self)
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
            try breaker.forEachWord(in: folded) { start, end in
                let byteRange = Int(sourceStart[start])..<Int(sourceEnd[end - 1])
                body(UnsafeBufferPointer(rebasing: units[start..<end]), byteRange)
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
