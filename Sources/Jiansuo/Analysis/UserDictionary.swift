/// Words a user adds to segmentation: terms ICU's old dictionary splits (疫情防控, 十四五,
/// 全过程人民民主), or a whole segmentation standard's word list.
///
/// File format (UTF-8), one entry per line:
///
///     word                 a word, frequency 1
///     word<TAB>frequency   a word with a positive whole-number frequency
///     # comment            ignored, as are blank lines
///
/// Words are folded like text (`CodePointFolding`), so 會議 in the file also matches 会议;
/// a word may not contain white space. A word listed twice keeps the larger frequency.
/// `DictionarySegmenter` turns frequencies into path costs.
///
/// The `contentHash` (FNV-1a of the file's bytes) is what an index records, so a query is
/// only ever analyzed with the dictionary its index was built with.
public final class UserDictionary: Sendable {
    /// FNV-1a of the file's bytes.
    public let contentHash: UInt64
    /// The file's bytes, as an index stores them.
    public let contents: [UInt8]
    /// Distinct words.
    public let wordCount: Int
    /// Each word's and each word prefix's entry, by `Self.hash` of its folded UTF-16 units.
    private let entries: [UInt64: Entry]
    /// The folded units of every word, for confirming a hash match.
    private let units: [UInt16]
    /// The most code points in a word.
    let longestWord: Int
    /// Sum of all frequencies.
    let totalFrequency: Int

    /// A word or a prefix of one. `frequency` is 0 for a prefix that is not itself a word.
    struct Entry: Sendable {
        var unitStart: Int32
        var unitCount: Int32
        var frequency: Int
    }

    /// Reads a dictionary file; errors name the file and line.
    public convenience init(contentsOf path: String) throws(JiansuoError) {
        try self.init(contents: FileSystem.readFile(path), file: path)
    }

    /// Parses dictionary text; `file` names it in errors.
    public init(contents: [UInt8], file: String = "dictionary") throws(JiansuoError) {
        guard let text = String(validating: contents, as: UTF8.self) else {
            throw .malformedDictionary(file: file, line: 0, reason: "not valid UTF-8")
        }
        let folding = try CodePointFolding()
        var frequencies: [[UInt16]: Int] = [:]
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy(\.isWhitespace) || line.first == "#" { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count <= 2 else {
                throw .malformedDictionary(file: file, line: lineNumber, reason: "more than one TAB (expected word<TAB>frequency)")
            }
            var frequency = 1
            if fields.count == 2 {
                guard let value = Int(fields[1].trimmingWhitespace), value > 0 else {
                    throw .malformedDictionary(
                        file: file, line: lineNumber, reason: "frequency \"\(fields[1])\" is not a positive whole number")
                }
                frequency = value
            }
            let word = fields[0].trimmingWhitespace
            guard !word.isEmpty, !word.contains(where: \.isWhitespace) else {
                throw .malformedDictionary(file: file, line: lineNumber, reason: "a word may not be empty or contain spaces")
            }
            var folded: [UInt16] = []
            for scalar in word.unicodeScalars { folding.fold(scalar.value, into: &folded) }
            guard !folded.isEmpty else { continue }  // only default-ignorable characters
            frequencies[folded] = max(frequencies[folded] ?? 0, frequency)
        }
        var entries: [UInt64: Entry] = [:]
        var units: [UInt16] = []
        var longest = 0
        var total = 0
        for (word, frequency) in frequencies {
            let start = Int32(units.count)
            units.append(contentsOf: word)
            total += frequency
            var hash = Self.seed
            var codePoints = 0
            for (offset, unit) in word.enumerated() {
                hash = Self.hash(hash, unit)
                if UTF16.isLeadSurrogate(unit) { continue }
                codePoints += 1
                let isWhole = offset == word.count - 1
                // A prefix shares its word's units; a later word may make it a word too.
                var entry = entries[hash] ?? Entry(unitStart: start, unitCount: Int32(offset + 1), frequency: 0)
                if isWhole { entry = Entry(unitStart: start, unitCount: Int32(word.count), frequency: frequency) }
                entries[hash] = entry
            }
            longest = max(longest, codePoints)
        }
        self.contents = contents
        self.contentHash = contents.withUnsafeBufferPointer { ContentHash.hash($0) }
        self.wordCount = frequencies.count
        self.entries = entries
        self.units = units
        self.longestWord = longest
        self.totalFrequency = total
    }

    static let seed: UInt64 = 0xCBF2_9CE4_8422_2325

    /// FNV-1a over UTF-16 units, one unit at a time, so a scan extends a candidate by a
    /// character without rehashing it.
    static func hash(_ hash: UInt64, _ unit: UInt16) -> UInt64 {
        ((hash ^ UInt64(unit & 0xFF)) &* 0x0000_0100_0000_01B3 ^ UInt64(unit >> 8)) &* 0x0000_0100_0000_01B3
    }

    /// What `units` (folded text, whose running hash is `hash`) is: a word (frequency > 0),
    /// only a prefix of words (frequency 0), or neither (`nil`).
    func lookup(_ hash: UInt64, _ text: UnsafeBufferPointer<UInt16>) -> Entry? {
        guard let entry = entries[hash], Int(entry.unitCount) == text.count else { return nil }
        for offset in 0..<text.count where units[Int(entry.unitStart) + offset] != text[offset] { return nil }
        return entry
    }

    /// Whether `word` (as typed: it is folded first) is in the dictionary.
    public func contains(_ word: String) -> Bool {
        guard let folding = try? CodePointFolding() else { return false }
        var folded: [UInt16] = []
        for scalar in word.unicodeScalars { folding.fold(scalar.value, into: &folded) }
        var hash = Self.seed
        for unit in folded { hash = Self.hash(hash, unit) }
        return folded.withUnsafeBufferPointer { (lookup(hash, $0)?.frequency ?? 0) > 0 }
    }
}

extension Substring {
    fileprivate var trimmingWhitespace: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
