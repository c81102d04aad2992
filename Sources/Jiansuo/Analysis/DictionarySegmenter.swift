#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Segmentation with a `UserDictionary`: the cheapest path through a lattice of candidate
/// words over the folded text (jieba's maximum-probability path, with ICU for what the
/// dictionary does not know).
///
/// Candidates starting at each character:
/// - every dictionary word found there, costing −log(frequency / (total + 1));
/// - a run of ASCII letters and digits (`5g`, `6.1%`, `2022`), a digit run with a date
///   unit (`2022年`, `3月`), a run of two or more Han numerals (`二○○一`, `十二`), with or
///   without a date unit (`二○○一年`, `三十一日`) — numbers are words in both SIGHAN
///   standards, and no word list can hold them all;
/// - ICU's word there, when none of its characters is covered by any dictionary word in
///   this text: the dictionary decides wherever it has an opinion, ICU elsewhere;
/// - the single character, at its dictionary cost if it is a word, else a little dearer than
///   any word, so that unknown characters are the last resort.
///
/// Runs and ICU's words cost as much as a dictionary word of frequency 1. With a plain word
/// list (all frequencies 1) the path is the one with the fewest words; ties go to the path
/// whose earlier words are longer. Measured on the SIGHAN 2005 test sets in docs/QUALITY.md.
struct DictionarySegmenter {
    let dictionary: UserDictionary
    private let fallbackCost: Double
    private let unknownCost: Double

    init(dictionary: UserDictionary) {
        self.dictionary = dictionary
        let total = Double(dictionary.totalFrequency) + 1
        self.fallbackCost = log(total)
        self.unknownCost = 1.2 * fallbackCost
    }

    private func cost(frequency: Int) -> Double {
        fallbackCost - log(Double(frequency))
    }

    /// A piece of segmented text: UTF-16 unit offsets into the folded text, and whether it is
    /// a word (holds a letter or digit) rather than punctuation or white space.
    struct Piece: Equatable {
        var start: Int
        var end: Int
        var isWord: Bool
    }

    /// Segments `text` (folded UTF-16 units); `icuPieces` are ICU's pieces of the same text,
    /// in order, covering it. Returns pieces in order, covering the text.
    func segment(_ text: UnsafeBufferPointer<UInt16>, icuPieces: [Range<Int>]) -> [Piece] {
        // Code point starts, and a sentinel at the end.
        var starts: [Int] = []
        starts.reserveCapacity(text.count + 1)
        var unit = 0
        while unit < text.count {
            starts.append(unit)
            unit += UTF16.isLeadSurrogate(text[unit]) && unit + 1 < text.count ? 2 : 1
        }
        let count = starts.count
        starts.append(text.count)
        let scalars = (0..<count).map { Self.scalar(text, at: starts[$0]) }

        // Dictionary words at each character, and which characters some word covers.
        var words: [[(end: Int, cost: Double)]] = Array(repeating: [], count: count)
        var coveredUntil = 0
        var covered = [Bool](repeating: false, count: count)
        for first in 0..<count where !Self.isSpace(scalars[first]) {
            var hash = UserDictionary.seed
            var last = first
            while last < count, last - first < dictionary.longestWord {
                for offset in starts[last]..<starts[last + 1] { hash = UserDictionary.hash(hash, text[offset]) }
                let candidate = UnsafeBufferPointer(rebasing: text[starts[first]..<starts[last + 1]])
                guard let entry = dictionary.lookup(hash, candidate) else { break }
                if entry.frequency > 0 {
                    words[first].append((last + 1, cost(frequency: entry.frequency)))
                    coveredUntil = max(coveredUntil, last + 1)
                }
                last += 1
            }
            if first < coveredUntil { covered[first] = true }
        }

        // ICU's words over uncovered characters, by first character.
        var icuWordEnd = [Int](repeating: -1, count: count)
        var character = 0
        for piece in icuPieces {
            let first = character
            while character < count, starts[character] < piece.upperBound { character += 1 }
            if character - first > 1, !covered[first..<character].contains(true) {
                icuWordEnd[first] = character
            }
        }

        // Cheapest path from each character to the end, right to left.
        var best = [Double](repeating: 0, count: count + 1)
        var next = [Int](repeating: count, count: count + 1)
        for first in stride(from: count - 1, through: 0, by: -1) {
            if Self.isSpace(scalars[first]) {
                best[first] = best[first + 1]
                next[first] = first + 1
                continue
            }
            var bestCost = Double.infinity
            var bestEnd = first + 1
            func consider(_ end: Int, _ cost: Double) {
                let total = cost + best[end]
                // Ties go to the longer word, so earlier words are as long as they can be.
                if total < bestCost - 1e-9 || (abs(total - bestCost) <= 1e-9 && end > bestEnd) {
                    bestCost = total
                    bestEnd = end
                }
            }
            var singleCost = unknownCost
            for word in words[first] {
                if word.end == first + 1 { singleCost = word.cost } else { consider(word.end, word.cost) }
            }
            consider(first + 1, singleCost)
            for end in Self.numberEnds(scalars, from: first) { consider(end, fallbackCost) }
            if icuWordEnd[first] > 0 { consider(icuWordEnd[first], fallbackCost) }
            best[first] = bestCost
            next[first] = bestEnd
        }

        var pieces: [Piece] = []
        var first = 0
        while first < count {
            let end = next[first]
            let isWord = scalars[first..<end].contains { Self.isLetterOrDigit($0) }
            pieces.append(Piece(start: starts[first], end: starts[end], isWord: isWord))
            first = end
        }
        return pieces
    }

    /// Where number candidates starting at `first` end (character offsets).
    private static func numberEnds(_ scalars: [UInt32], from first: Int) -> [Int] {
        var end = first
        if isASCIILetterOrDigit(scalars[first]) {
            // Letters and digits, with '.' or ':' between digits and '%' after them.
            while end < scalars.count {
                let scalar = scalars[end]
                if isASCIILetterOrDigit(scalar) {
                    end += 1
                } else if (scalar == 0x2E || scalar == 0x3A), end + 1 < scalars.count, isDigit(scalars[end - 1]),
                          isDigit(scalars[end + 1]) {
                    end += 1
                } else if scalar == 0x25, isDigit(scalars[end - 1]) {
                    end += 1
                } else {
                    break
                }
            }
            if isDigit(scalars[end - 1]), end < scalars.count, isDateUnit(scalars[end]) { return [end, end + 1] }
            return [end]
        }
        while end < scalars.count, isHanNumeral(scalars[end]) { end += 1 }
        let withUnit = end < scalars.count && isDateUnit(scalars[end]) && end > first
        switch (end - first >= 2, withUnit) {
        case (true, true): return [end, end + 1]
        case (true, false): return [end]
        case (false, true): return [end + 1]
        case (false, false): return []
        }
    }

    private static func isDigit(_ scalar: UInt32) -> Bool { (0x30...0x39).contains(scalar) }

    private static func isASCIILetterOrDigit(_ scalar: UInt32) -> Bool {
        isDigit(scalar) || (0x61...0x7A).contains(scalar) || (0x41...0x5A).contains(scalar)
    }

    /// 〇○零一二三四五六七八九十百千万亿两.
    private static func isHanNumeral(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x3007, 0x25CB, 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D,
             0x5341, 0x767E, 0x5343, 0x4E07, 0x4EBF, 0x4E24:
            true
        default:
            false
        }
    }

    /// 年月日时分秒.
    private static func isDateUnit(_ scalar: UInt32) -> Bool {
        [0x5E74, 0x6708, 0x65E5, 0x65F6, 0x5206, 0x79D2].contains(scalar)
    }

    static func isSpace(_ scalar: UInt32) -> Bool { Analyzer.isSpace(scalar) }

    /// Letters (any script, Han included) and digits: what makes a piece a word.
    static func isLetterOrDigit(_ scalar: UInt32) -> Bool {
        guard let value = Unicode.Scalar(scalar) else { return false }
        return value.properties.isAlphabetic || value.properties.numericType != nil
    }

    private static func scalar(_ text: UnsafeBufferPointer<UInt16>, at offset: Int) -> UInt32 {
        let unit = text[offset]
        if UTF16.isLeadSurrogate(unit), offset + 1 < text.count, UTF16.isTrailSurrogate(text[offset + 1]) {
            return 0x10000 + (UInt32(unit) - 0xD800) << 10 + (UInt32(text[offset + 1]) - 0xDC00)
        }
        return UInt32(unit)
    }
}
