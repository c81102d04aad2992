/// Byte ranges into UTF-8 text as ranges of the string's own indices, for Swift code that
/// slices or attributes the text (`text[range]`, `AttributedString`) without counting bytes.
public enum StringRanges {
    /// `ranges` (UTF-8 byte ranges into `text`) as `String.Index` ranges of `text`. A bound
    /// inside a character moves to that character's start; one past the text, to its end.
    public static func of(_ ranges: [Range<Int>], in text: String) -> [Range<String.Index>] {
        let utf8 = text.utf8
        func index(_ offset: Int) -> String.Index {
            var bound = utf8.index(utf8.startIndex, offsetBy: min(max(offset, 0), utf8.count))
            while bound.samePosition(in: text.unicodeScalars) == nil { bound = utf8.index(before: bound) }
            return bound
        }
        return ranges.map { index($0.lowerBound)..<index(max($0.lowerBound, $0.upperBound)) }
    }
}

extension PassageHit {
    /// `highlights` as ranges of `text`: `hit.text[hit.highlightRanges[0]]` is the first hit.
    public var highlightRanges: [Range<String.Index>] { StringRanges.of(highlights, in: text) }
}

extension DocumentText {
    /// `highlights` as ranges of `text`.
    public var highlightRanges: [Range<String.Index>] { StringRanges.of(highlights, in: text) }
}
