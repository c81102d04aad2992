/// Byte ranges into UTF-8 text, re-expressed in UTF-16 code units — how JavaScript indexes a
/// string, so a browser can highlight without decoding bytes.
public enum UTF16Ranges {
    /// `ranges` (UTF-8 byte ranges into `text`) in UTF-16 code units. A bound inside a
    /// character moves to that character's start; one past the text, to its end.
    public static func of(_ ranges: [Range<Int>], in text: String) -> [Range<Int>] {
        guard !ranges.isEmpty else { return [] }
        let bounds = Set(ranges.flatMap { [$0.lowerBound, $0.upperBound] }).sorted()
        var units: [Int: Int] = [:]
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var byte = 0, unit = 0
        for bound in bounds {
            while index != scalars.endIndex, byte + UTF8.width(scalars[index]) <= bound {
                byte += UTF8.width(scalars[index])
                unit += UTF16.width(scalars[index])
                index = scalars.index(after: index)
            }
            units[bound] = unit
        }
        return ranges.map { (units[$0.lowerBound] ?? 0)..<(units[$0.upperBound] ?? 0) }
    }
}
