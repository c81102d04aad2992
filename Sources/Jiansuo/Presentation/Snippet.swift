/// A passage cut down to the window of text that holds the most highlights, for showing
/// many results at once: long paragraphs of a report run to a thousand characters, and the
/// reader needs the lines around the hits, not the whole paragraph.
public struct Snippet: Sendable, Equatable {
    /// The window's text, with `…` where the passage was cut.
    public let text: String
    /// The highlights inside the window, as byte ranges into `text.utf8`, sorted and disjoint;
    /// a highlight cut by the window's edge is kept in part.
    public let highlights: [Range<Int>]
    /// Whether text before the window was left out (the snippet then starts with `…`).
    public let isCutAtStart: Bool
    /// Whether text after the window was left out (the snippet then ends with `…`).
    public let isCutAtEnd: Bool

    /// What marks a cut: one character, so the window's length stays what was asked.
    public static let ellipsis = "…"

    /// Cuts `text` to at most `maxCharacters` characters (not counting the `…` marks) around
    /// the run of `highlights` (byte ranges into `text.utf8`, sorted) that fits the most of
    /// them, centred on that run. Text that fits is returned whole.
    public init(text: String, highlights: [Range<Int>], maxCharacters: Int) {
        // Byte offset where each character starts, and the end of the text as a sentinel.
        var starts: [Int] = []
        var offset = 0
        for character in text {
            starts.append(offset)
            offset += character.utf8.count
        }
        let characterCount = starts.count
        starts.append(text.utf8.count)
        guard maxCharacters > 0, characterCount > maxCharacters else {
            self.init(text: text, highlights: highlights, isCutAtStart: false, isCutAtEnd: false)
            return
        }
        // Highlights as character ranges: a highlight covers every character it touches.
        let spans = highlights.map { range in
            let first = Self.characterIndex(startingAtOrBefore: range.lowerBound, in: starts)
            return first..<max(first + 1, Self.characterIndex(startingAtOrAfter: range.upperBound, in: starts))
        }
        let window = Self.bestWindow(spans: spans, length: maxCharacters, characterCount: characterCount)
        let startByte = starts[window.lowerBound], endByte = starts[window.upperBound]
        let cutAtStart = window.lowerBound > 0, cutAtEnd = window.upperBound < characterCount
        let prefix = cutAtStart ? Self.ellipsis : ""
        let shift = prefix.utf8.count - startByte
        let kept = highlights.compactMap { range -> Range<Int>? in
            let lower = max(range.lowerBound, startByte), upper = min(range.upperBound, endByte)
            return lower < upper ? (lower + shift)..<(upper + shift) : nil
        }
        let utf8 = Array(text.utf8)
        let body = String(decoding: utf8[startByte..<endByte], as: UTF8.self)
        self.init(
            text: prefix + body + (cutAtEnd ? Self.ellipsis : ""), highlights: kept,
            isCutAtStart: cutAtStart, isCutAtEnd: cutAtEnd)
    }

    init(text: String, highlights: [Range<Int>], isCutAtStart: Bool, isCutAtEnd: Bool) {
        self.text = text
        self.highlights = highlights
        self.isCutAtStart = isCutAtStart
        self.isCutAtEnd = isCutAtEnd
    }

    /// The window of `length` characters holding the most whole spans, earliest on a tie,
    /// with the spare room split evenly before and after them.
    static func bestWindow(spans: [Range<Int>], length: Int, characterCount: Int) -> Range<Int> {
        guard !spans.isEmpty else { return 0..<length }
        var best = (first: 0, last: 0, count: 0)
        var last = 0
        for first in spans.indices {
            last = max(last, first)
            // Spans are sorted, so the ones fitting after `first` are a contiguous run.
            while last + 1 < spans.count, spans[last + 1].upperBound - spans[first].lowerBound <= length { last += 1 }
            let fits = spans[last].upperBound - spans[first].lowerBound <= length
            let count = fits ? last - first + 1 : 0
            if count > best.count { best = (first, last, count) }
        }
        guard best.count > 0 else {
            // Even the first highlight is longer than the window: show its beginning.
            let start = min(spans[0].lowerBound, characterCount - length)
            return start..<start + length
        }
        let covered = spans[best.first].lowerBound..<spans[best.last].upperBound
        let spare = length - covered.count
        let start = min(max(0, covered.lowerBound - spare / 2), characterCount - length)
        return start..<start + length
    }

    /// The index of the last character starting at or before `byte`.
    static func characterIndex(startingAtOrBefore byte: Int, in starts: [Int]) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= byte { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The index of the first character starting at or after `byte` (the character count at the end).
    static func characterIndex(startingAtOrAfter byte: Int, in starts: [Int]) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] >= byte { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

extension PassageHit {
    /// The passage cut to the `maxCharacters` characters around its most highlights.
    public func snippet(maxCharacters: Int = 120) -> Snippet {
        Snippet(text: text, highlights: highlights, maxCharacters: maxCharacters)
    }
}
