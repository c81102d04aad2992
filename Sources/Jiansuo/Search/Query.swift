/// A parsed query: every clause is required.
///
/// Syntax: clauses separated by white space; a clause in double quotes — ASCII `"…"`,
/// `“…”` or `「…」` — is a phrase, whose words must stand adjacent and in order. An unquoted
/// clause is analyzed like text, and each of its words is required: `代表建议` needs both
/// 代表 and 建议 in the passage, `"代表建议"` needs them side by side.
public struct Query: Sendable, Equatable, CustomStringConvertible {
    public enum Clause: Sendable, Equatable {
        case words(String)
        case phrase(String)
    }

    public let clauses: [Clause]

    public init(clauses: [Clause]) {
        self.clauses = clauses
    }

    private static let closingQuote: [Character: Character] = ["\"": "\"", "“": "”", "「": "」"]

    public static func parse(_ text: String) throws(JiansuoError) -> Query {
        var clauses: [Clause] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if let closing = closingQuote[character] {
                guard let end = characters[(index + 1)...].firstIndex(of: closing) else {
                    throw .malformedQuery(query: text, position: index, reason: "the quote opened here is never closed")
                }
                clauses.append(.phrase(String(characters[(index + 1)..<end])))
                index = end + 1
            } else {
                var end = index
                while end < characters.count, !characters[end].isWhitespace, closingQuote[characters[end]] == nil {
                    end += 1
                }
                clauses.append(.words(String(characters[index..<end])))
                index = end
            }
        }
        guard !clauses.isEmpty else {
            throw .malformedQuery(query: text, position: 0, reason: "the query is empty")
        }
        return Query(clauses: clauses)
    }

    public var description: String {
        clauses.map { clause in
            switch clause {
            case .words(let words): words
            case .phrase(let phrase): "\"\(phrase)\""
            }
        }.joined(separator: " ")
    }
}

/// A query after analysis: required elements, each a single term or a phrase of terms.
struct AnalyzedQuery: Sendable {
    /// Each element's terms; one term is a term query, several a phrase.
    let elements: [[String]]

    var distinctTerms: Set<String> {
        Set(elements.joined())
    }

    init(elements: [[String]]) {
        self.elements = elements
    }

    init(_ query: Query, analyzer: Analyzer) throws(JiansuoError) {
        var elements: [[String]] = []
        for clause in query.clauses {
            switch clause {
            case .words(let text):
                for token in try analyzer.tokens(in: text) where !elements.contains([token.term]) {
                    elements.append([token.term])
                }
            case .phrase(let text):
                let terms = try analyzer.tokens(in: text).map(\.term)
                if !terms.isEmpty && !elements.contains(terms) { elements.append(terms) }
            }
        }
        guard !elements.isEmpty else {
            throw .malformedQuery(
                query: query.description, position: 0, reason: "the query has no searchable words (only spaces or punctuation)")
        }
        self.elements = elements
    }
}
