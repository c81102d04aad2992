/// Recursive-descent parser for `Query`'s syntax. Positions in errors count characters.
struct QueryParser {
    private let text: String
    private let characters: [Character]
    private var index = 0

    /// The longest query accepted: beyond this a query is a mistake, not a search.
    static let maximumLength = 10_000
    static let maximumDepth = 100
    private var depth = 0

    private static let closingQuote: [Character: Character] = ["\"": "\"", "“": "”", "「": "」", "＂": "＂"]
    private static let openingParentheses: Set<Character> = ["(", "（"]
    private static let closingParentheses: Set<Character> = [")", "）"]
    private static let negations: Set<Character> = ["-", "－"]
    /// Filters that take a word or a quoted phrase, by their prefix.
    private static let textFilters: [(prefix: String, node: @Sendable (String) -> QueryNode)] = [
        ("heading:", QueryNode.heading), ("collection:", QueryNode.collection), ("source:", QueryNode.source),
    ]
    private static let filterExamples = ["heading:": "代表工作", "collection:": "gov-work-reports", "source:": "新华社"]

    init(_ text: String) {
        self.text = text
        self.characters = Array(text)
    }

    private func error(_ position: Int, _ reason: String) -> JiansuoError {
        let shown = characters.count > 200 ? String(characters[..<200]) + "…" : text
        return .malformedQuery(query: shown, position: position, reason: reason)
    }

    mutating func parse() throws(JiansuoError) -> QueryNode {
        guard characters.count <= Self.maximumLength else {
            throw error(Self.maximumLength, "the query is longer than \(Self.maximumLength) characters")
        }
        if let control = characters.firstIndex(where: { character in
            !character.isWhitespace && character.unicodeScalars.contains { $0.properties.generalCategory == .control }
        }) {
            let value = characters[control].unicodeScalars.first.map { String($0.value, radix: 16, uppercase: true) } ?? "?"
            throw error(control, "a control character (U+\(String(repeating: "0", count: max(0, 4 - value.count)) + value)) is not text to search for")
        }
        skipSpace()
        guard index < characters.count else { throw error(0, "the query is empty") }
        let start = index
        let node = try parseOr()
        skipSpace()
        if index < characters.count {
            throw error(index, Self.closingParentheses.contains(characters[index])
                ? "this parenthesis closes nothing" : "unexpected \"\(characters[index])\"")
        }
        guard node.isPositive else {
            throw error(start, "the query only excludes or filters; add a word or phrase to search for")
        }
        return node
    }

    private mutating func skipSpace() {
        while index < characters.count, characters[index].isWhitespace {
            index += 1
        }
    }

    /// Whether a bare keyword (OR, AND, NOT) stands at the current position.
    private func atKeyword(_ keyword: String) -> Bool {
        let word = Array(keyword)
        guard index + word.count <= characters.count, Array(characters[index..<index + word.count]) == word else { return false }
        let end = index + word.count
        return end == characters.count || characters[end].isWhitespace || Self.openingParentheses.contains(characters[end])
            || Self.closingQuote[characters[end]] != nil
    }

    private mutating func parseOr() throws(JiansuoError) -> QueryNode {
        var children = [try parseAnd()]
        while true {
            skipSpace()
            guard atKeyword("OR") else { break }
            let position = index
            index += 2
            skipSpace()
            guard index < characters.count, !Self.closingParentheses.contains(characters[index]) else {
                throw error(position, "OR needs something on its right")
            }
            children.append(try parseAnd())
        }
        // Either every side searches for something, or every side is a filter
        // (`year:2017 OR year:2023`): one narrowing what the rest of the query selects.
        if children.count > 1, !children.allSatisfy(\.isFilter) {
            for child in children where !child.isPositive {
                throw error(0, "each side of OR must search for something, not only exclude or filter (\(child)); to filter by several years, collections or sources, put their OR in parentheses, as in 代表建议 (year:2017 OR year:2023)")
            }
        }
        return children.count == 1 ? children[0] : .or(children.flatMap { if case .or(let inner) = $0 { inner } else { [$0] } })
    }

    private mutating func parseAnd() throws(JiansuoError) -> QueryNode {
        var children: [QueryNode] = []
        while true {
            skipSpace()
            guard index < characters.count, !Self.closingParentheses.contains(characters[index]), !atKeyword("OR") else { break }
            if atKeyword("AND") {
                let position = index
                index += 3
                skipSpace()
                guard !children.isEmpty, index < characters.count, !atKeyword("OR") else {
                    throw error(position, "AND needs something on each side")
                }
                continue
            }
            children.append(try parseUnary())
        }
        guard !children.isEmpty else {
            if atKeyword("OR") { throw error(index, "OR needs something on its left") }
            throw error(index, index < characters.count ? "expected a word or phrase before \"\(characters[index])\"" : "expected a word or phrase")
        }
        return children.count == 1 ? children[0] : .and(children.flatMap { if case .and(let inner) = $0 { inner } else { [$0] } })
    }

    private mutating func parseUnary() throws(JiansuoError) -> QueryNode {
        let position = index
        var negated = false
        if atKeyword("NOT") {
            index += 3
            negated = true
        } else if Self.negations.contains(characters[index]), index + 1 < characters.count,
                  !characters[index + 1].isWhitespace {
            index += 1
            negated = true
        }
        guard negated else { return try parsePrimary() }
        skipSpace()
        guard index < characters.count, !Self.closingParentheses.contains(characters[index]) else {
            throw error(position, "nothing to exclude after NOT or -")
        }
        let child = try parseUnary()
        guard child.isPositive else { throw error(position, "can only exclude words or phrases") }
        return .not(child)
    }

    private mutating func parsePrimary() throws(JiansuoError) -> QueryNode {
        let position = index
        let character = characters[index]
        if Self.openingParentheses.contains(character) {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else { throw error(position, "parentheses nested too deeply") }
            index += 1
            skipSpace()
            guard index < characters.count, !Self.closingParentheses.contains(characters[index]) else {
                throw error(position, index < characters.count ? "empty parentheses" : "this parenthesis is never closed")
            }
            let inner = try parseOr()
            skipSpace()
            guard index < characters.count, Self.closingParentheses.contains(characters[index]) else {
                throw error(position, "this parenthesis is never closed")
            }
            index += 1
            return inner
        }
        if let closing = Self.closingQuote[character] {
            return try parsePhrase(closing: closing)
        }
        let start = index
        while index < characters.count, !characters[index].isWhitespace,
              Self.closingQuote[characters[index]] == nil, !Self.openingParentheses.contains(characters[index]),
              !Self.closingParentheses.contains(characters[index]) {
            index += 1
        }
        let word = String(characters[start..<index])
        for (prefix, node) in Self.textFilters where word.lowercased().hasPrefix(prefix) {
            var text = String(word.dropFirst(prefix.count))
            if text.isEmpty, index < characters.count, let closing = Self.closingQuote[characters[index]] {
                guard case .phrase(let phrase) = try parsePhrase(closing: closing) else {
                    throw error(start, "\(prefix) takes a word or a quoted phrase, without ~")
                }
                text = phrase
            }
            guard !text.allSatisfy(\.isWhitespace) else {
                throw error(start, "\(prefix) needs a word or a quoted phrase, as in \(prefix)\(Self.filterExamples[prefix] ?? "…")")
            }
            return node(text)
        }
        if word.lowercased().hasPrefix("year:") {
            do throws(YearRangeError) {
                return .years(try Self.years(String(word.dropFirst(5))))
            } catch {
                throw self.error(start, "year: \(error.reason)")
            }
        }
        return .words(word)
    }

    private mutating func parsePhrase(closing: Character) throws(JiansuoError) -> QueryNode {
        let position = index
        guard let end = characters[(index + 1)...].firstIndex(of: closing) else {
            throw error(position, "the quote opened here is never closed")
        }
        let phrase = String(characters[(index + 1)..<end])
        index = end + 1
        guard index < characters.count, characters[index] == "~" || characters[index] == "～" else {
            return .phrase(phrase)
        }
        let tilde = index
        index += 1
        let digitsStart = index
        while index < characters.count, let digit = characters[index].wholeNumberValue, digit < 10, characters[index].isASCII {
            index += 1
        }
        guard index > digitsStart, index - digitsStart <= 4, let distance = Int(String(characters[digitsStart..<index])) else {
            throw error(tilde, "~ must be followed by a distance in words, 0 to 9999, as in \"代表 建议\"~5")
        }
        return .near(phrase, distance: distance)
    }

    /// A year or a range of years: `2019`, `2010..2020` or `2010-2020`.
    static func years(_ value: String) throws(YearRangeError) -> ClosedRange<Int> {
        let separator = value.contains("..") ? ".." : "-"
        let parts = value.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        let years = parts.map { part in part.count == 4 && part.allSatisfy(\.isASCII) ? Int(part) : nil }
        guard (1...2).contains(years.count), years.allSatisfy({ $0 != nil }),
              let first = years.first.flatMap({ $0 }), let last = years.last.flatMap({ $0 }) else {
            throw YearRangeError(reason: "takes a year or a range, as in 2019, 2010..2020 or 2010-2020, not \"\(value)\"")
        }
        guard first <= last else { throw YearRangeError(reason: "the range \(first)..\(last) is reversed") }
        return first...last
    }
}

/// Why a year range was refused.
struct YearRangeError: Error {
    let reason: String
}
