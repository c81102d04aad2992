/// The form of a heading line, which decides where it stands in a document's section tree
/// (`DocumentStructure`): headings of one numbered form are siblings, a form not yet open
/// nests inside the ones that are, and Markdown and HTML levels compare by number.
enum HeadingForm: Hashable, Sendable {
    /// `第一章`, `第二节`, `第三条`, `第一部分`: the unit names the form.
    case ordinal(unit: String)
    /// `一、`
    case chineseNumber
    /// `（一）`, `(一)`
    case parenthesizedChineseNumber
    /// `1.`, `1、`, `1．`
    case number
    /// `（1）`, `(1)`
    case parenthesizedNumber
    /// `①`
    case circledNumber
    /// A level 1–6 from markup: `#`…`######` in Markdown, `<h1>`…`<h6>` in HTML.
    case level(Int)
    /// An unnumbered heading that names a year (`2022年》》`, `2023年工作安排`): it dates the
    /// text below it, so it opens a level of its own.
    case year
    /// Any other short line followed by body text: always the innermost level.
    case plain

    /// Whether a heading of this form, standing at a higher level, is closed by `next`:
    /// the same numbered form, or a markup level at least as deep.
    func isClosed(by next: HeadingForm) -> Bool {
        if case .level(let open) = self, case .level(let new) = next { return open >= new }
        return self == next
    }

    var isNumbered: Bool {
        switch self {
        case .plain, .year, .level: false
        default: true
        }
    }

    private static let chineseDigits: Set<Character> = Set("〇零一二三四五六七八九十百千两")
    private static let ordinalUnits = ["部分", "编", "章", "节", "条", "篇", "款"]

    /// The form of `line` (trimmed, known to be short and without a sentence end).
    init(line: Substring) {
        if line.hasPrefix("#") {
            let marks = line.prefix { $0 == "#" }.count
            if marks <= 6, line.dropFirst(marks).first == " " {
                self = .level(marks)
                return
            }
        }
        self = Self.numbered(line) ?? (HeadingYear.named(in: line) != nil ? .year : .plain)
    }

    private static func numbered(_ line: Substring) -> HeadingForm? {
        guard let first = line.first else { return nil }
        if ("\u{2460}"..."\u{2473}").contains(first) { return .circledNumber }
        if first == "第" {
            let rest = line.dropFirst().drop { chineseDigits.contains($0) || $0.isASCII && $0.isNumber }
            guard rest.startIndex != line.index(after: line.startIndex) else { return nil }
            return ordinalUnits.first(where: rest.hasPrefix).map { .ordinal(unit: $0) }
        }
        if first == "（" || first == "(" {
            let inner = line.dropFirst()
            let chinese = inner.prefix(while: chineseDigits.contains)
            let digits = inner.prefix { $0.isASCII && $0.isNumber || ("０"..."９").contains($0) }
            let number = chinese.isEmpty ? digits : chinese
            guard !number.isEmpty, let close = inner.dropFirst(number.count).first, close == "）" || close == ")" else {
                return nil
            }
            return chinese.isEmpty ? .parenthesizedNumber : .parenthesizedChineseNumber
        }
        let chinese = line.prefix(while: chineseDigits.contains)
        if !chinese.isEmpty {
            return line.dropFirst(chinese.count).first == "、" ? .chineseNumber : nil
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber || ("０"..."９").contains($0) }
        guard !digits.isEmpty, digits.count <= 2, let mark = line.dropFirst(digits.count).first,
              ".、．".contains(mark) else { return nil }
        // `1.5亿` is a number, not a heading.
        let after = line.dropFirst(digits.count + 1).first
        return after.map { !($0.isASCII && $0.isNumber) } ?? false ? .number : nil
    }
}

/// The year a heading names: `2022年`, `２０２２年`, `二〇二二年`, with words around it or not.
enum HeadingYear {
    private static let chineseDigits: [Character: Int] = [
        "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]

    /// The one year 1900–2099 written before a `年` in `heading`; `nil` when there is none
    /// or several different ones (`2021年至2025年` dates no single year).
    static func named(in heading: Substring) -> Int? {
        let characters = Array(heading)
        var found: Set<Int> = []
        for index in characters.indices where characters[index] == "年" && index >= 4 {
            var year = 0
            for character in characters[(index - 4)..<index] {
                guard let digit = digit(character) else { year = -1; break }
                year = year * 10 + digit
            }
            // A fifth digit before means this is no year (`12023年` is not 2023).
            if index >= 5, digit(characters[index - 5]) != nil { continue }
            if (1900...2099).contains(year) { found.insert(year) }
        }
        return found.count == 1 ? found.first : nil
    }

    private static func digit(_ character: Character) -> Int? {
        if let value = chineseDigits[character] { return value }
        if character.isASCII, let value = character.wholeNumberValue { return value }
        if ("０"..."９").contains(character) { return character.wholeNumberValue }
        return nil
    }
}

/// A heading its document marks as one (`<h2>` in HTML, a Heading 2 paragraph in Word):
/// its bytes in the extracted text, and its level 1–6.
struct MarkedHeading: Sendable, Equatable {
    var range: Range<Int>
    var level: Int
}
