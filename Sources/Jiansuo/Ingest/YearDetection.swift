/// Finds the year a document belongs to.
///
/// First the path: the file name, then each folder from the innermost out, looking for a
/// four-digit year 1900–2099 that is not part of a longer number (`2019/…`, `2022年报告.md`).
/// Then the opening of the text: the first date in its first lines — `YYYY年` written in
/// ASCII, full-width (`２０２２年`) or Chinese digits (`二〇二六年`), either followed by a
/// month (`2023年3月5日`, `二〇二六年一月`) or opening its line (`2022年政府工作报告`,
/// `——２０２２年`). A year mentioned inside a sentence (`代表建议 in 1998年 somewhere`,
/// `比2019年增长`) says what the text talks about, not when it was written. Otherwise unknown.
enum YearDetection {
    /// How much of the text's start is searched for a dated line.
    static let openingBytes = 1_200

    static func year(path: String, text: UnsafeBufferPointer<UInt8>) -> Int? {
        year(inPath: path) ?? year(inOpeningOf: text)
    }

    static func year(inPath path: String) -> Int? {
        for component in path.split(separator: "/").reversed() {
            let digits = component.unicodeScalars.map(digitValue)
            if let year = firstYear(in: digits, where: { _, _ in true }) { return year }
        }
        return nil
    }

    static func year(inOpeningOf text: UnsafeBufferPointer<UInt8>) -> Int? {
        let prefix = UnsafeBufferPointer(rebasing: text[0..<min(text.count, openingBytes)])
        let scalars = Array(String(decoding: prefix, as: UTF8.self).unicodeScalars)
        let digits = scalars.map { digitValue($0) ?? chineseDigits[$0] }
        return firstYear(in: digits) { start, end in
            end < scalars.count && scalars[end] == "年" && (isMonth(scalars, digits, after: end + 1) || opensLine(scalars, before: start))
        }
    }

    /// Whether a month follows: one or two digits (or 十一, 十二) and 月.
    private static func isMonth(_ scalars: [Unicode.Scalar], _ digits: [Int?], after index: Int) -> Bool {
        var end = index
        while end < scalars.count, end - index < 3, digits[end] != nil || scalars[end] == "十" { end += 1 }
        return end > index && end < scalars.count && scalars[end] == "月"
    }

    /// Whether only white space and punctuation stand before `index` on its line.
    private static func opensLine(_ scalars: [Unicode.Scalar], before index: Int) -> Bool {
        var position = index
        while position > 0, scalars[position - 1] != "\n" {
            position -= 1
            let scalar = scalars[position]
            guard scalar.properties.isWhitespace || scalar.properties.generalCategory.isPunctuation else { return false }
        }
        return true
    }

    /// The first run of exactly four digits forming a year 1900–2099 for which `accept`,
    /// given the run's start and the index just past it, holds.
    private static func firstYear(in digits: [Int?], where accept: (Int, Int) -> Bool) -> Int? {
        var index = 0
        while index < digits.count {
            guard digits[index] != nil else { index += 1; continue }
            var end = index
            while end < digits.count, digits[end] != nil { end += 1 }
            if end - index == 4 {
                let year = digits[index..<end].reduce(0) { $0 * 10 + ($1 ?? 0) }
                if (1900...2099).contains(year) && accept(index, end) { return year }
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

private extension Unicode.GeneralCategory {
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            true
        default:
            false
        }
    }
}
