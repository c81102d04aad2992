/// Finds the year a document belongs to.
///
/// First the path: the file name, then each folder from the innermost out, looking for a
/// four-digit year 1900–2099 that is not part of a longer number (`2019/…`, `2022年报告.md`).
/// Then the opening of the text: the first `YYYY年` in its first lines, written in ASCII,
/// full-width (`２０２２年`) or Chinese digits (`二〇二六年`). Otherwise unknown.
public enum YearDetection {
    /// How much of the text's start is searched for a dated line.
    static let openingBytes = 1_200

    public static func year(path: String, text: UnsafeBufferPointer<UInt8>) -> Int? {
        year(inPath: path) ?? year(inOpeningOf: text)
    }

    static func year(inPath path: String) -> Int? {
        for component in path.split(separator: "/").reversed() {
            let digits = component.unicodeScalars.map(digitValue)
            if let year = firstYear(in: digits, where: { _ in true }) { return year }
        }
        return nil
    }

    static func year(inOpeningOf text: UnsafeBufferPointer<UInt8>) -> Int? {
        let prefix = UnsafeBufferPointer(rebasing: text[0..<min(text.count, openingBytes)])
        let scalars = Array(String(decoding: prefix, as: UTF8.self).unicodeScalars)
        let digits = scalars.map { digitValue($0) ?? chineseDigits[$0] }
        return firstYear(in: digits, where: { end in end < scalars.count && scalars[end] == "年" })
    }

    /// The first run of exactly four digits forming a year 1900–2099 for which `accept`,
    /// given the index just past the run, holds.
    private static func firstYear(in digits: [Int?], where accept: (Int) -> Bool) -> Int? {
        var index = 0
        while index < digits.count {
            guard digits[index] != nil else { index += 1; continue }
            var end = index
            while end < digits.count, digits[end] != nil { end += 1 }
            if end - index == 4 {
                let year = digits[index..<end].reduce(0) { $0 * 10 + ($1 ?? 0) }
                if (1900...2099).contains(year) && accept(end) { return year }
            }
            index = end
        }
        return nil
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: Int(scalar.value - 0x30)
        case 0xFF10...0xFF19: Int(scalar.value - 0xFF10)
        default: nil
        }
    }

    private static let chineseDigits: [Unicode.Scalar: Int] = [
        "〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4,
        "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
}
