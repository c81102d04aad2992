/// One hit in its context, for a keyword-in-context (concordance) listing.
public struct ConcordanceLine: Sendable, Equatable {
    /// The passage's year, `nil` when unknown.
    public let year: Int?
    /// The document's path as it was indexed.
    public let path: String
    public let title: String
    /// The passage's bytes in the document's UTF-8 text.
    public let passageRange: Range<Int>
    /// The hit's bytes in the document's UTF-8 text.
    public let matchRange: Range<Int>
    /// The headings of the sections the passage stands in, outermost first.
    public let section: [String]
    /// The text before the hit, at most `contextWidth` columns of it, white space and line
    /// breaks shown as single spaces.
    public let left: String
    /// The hit as it stands in the document, white space shown as single spaces.
    public let match: String
    /// The text after the hit, at most `contextWidth` columns of it.
    public let right: String
}

/// How concordance lines are ordered.
public enum ConcordanceOrder: String, Sendable, CaseIterable {
    /// By year (unknown last), then document and position: reading order through time.
    case year
    /// By the left context read backwards from the hit, as concordancers do, so hits sharing
    /// the words just before them stand together.
    case left
    /// By the right context, so hits sharing the words just after them stand together.
    case right
}

/// Options of a concordance.
public struct ConcordanceOptions: Sendable {
    /// Display columns of context kept on each side of a hit (a Han character takes two).
    public var contextWidth: Int
    public var order: ConcordanceOrder
    /// At most this many lines, after ordering; `nil` for all.
    public var limit: Int?
    /// Only passages of these years; passages of unknown year are then left out.
    public var years: ClosedRange<Int>?
    /// Only documents of this collection (see `CountGrouping.collection`).
    public var collection: String?
    /// Only documents whose metadata sidecar names this source.
    public var source: String?
    public var defaultOperator: DefaultOperator

    public init(
        contextWidth: Int = 30, order: ConcordanceOrder = .year, limit: Int? = nil, years: ClosedRange<Int>? = nil,
        collection: String? = nil, source: String? = nil, defaultOperator: DefaultOperator = .all
    ) {
        self.contextWidth = contextWidth
        self.order = order
        self.limit = limit
        self.years = years
        self.collection = collection
        self.source = source
        self.defaultOperator = defaultOperator
    }
}

extension ConcordanceOptions: PassageScoping {}

extension Searcher {
    /// Every occurrence of `query` in every matching passage, one line each, with the text
    /// around it: the occurrences search highlights, so for a word or phrase there are as
    /// many lines as `countByYear` counts occurrences.
    public func concordance(_ query: String, options: ConcordanceOptions = ConcordanceOptions()) throws(JiansuoError) -> [ConcordanceLine] {
        try concordance(Query.parse(query), options: options)
    }

    public func concordance(_ query: Query, options: ConcordanceOptions = ConcordanceOptions()) throws(JiansuoError) -> [ConcordanceLine] {
        guard options.contextWidth >= 0 else { throw .invalidArgument("context width must be ≥ 0, not \(options.contextWidth)") }
        if let limit = options.limit, limit < 0 { throw .invalidArgument("limit must be ≥ 0, not \(limit)") }
        let searchOptions = SearchOptions(
            limit: Int.max, years: options.years, collection: options.collection, source: options.source,
            defaultOperator: options.defaultOperator, highlights: false)
        let results = try search(query, options: searchOptions)
        let analyzer = try analyzer()
        let highlighter = Highlighter(plan: try plan(query, options: searchOptions, analyzer: analyzer))
        var lines: [ConcordanceLine] = []
        for hit in results.hits {
            let utf8 = Array(hit.text.utf8)
            for highlight in try highlighter.occurrences(in: hit.text, analyzer: analyzer) where highlight.upperBound <= utf8.count {
                let before = String(decoding: utf8[..<highlight.lowerBound], as: UTF8.self)
                let after = String(decoding: utf8[highlight.upperBound...], as: UTF8.self)
                lines.append(ConcordanceLine(
                    year: hit.year, path: hit.path, title: hit.title, passageRange: hit.passageRange,
                    matchRange: (hit.passageRange.lowerBound + highlight.lowerBound)..<(hit.passageRange.lowerBound + highlight.upperBound),
                    section: hit.section,
                    left: String(Self.contextCharacters(before.reversed(), width: options.contextWidth).reversed()),
                    match: String(Self.contextCharacters(String(decoding: utf8[highlight], as: UTF8.self), width: Int.max)),
                    right: String(Self.contextCharacters(after, width: options.contextWidth))))
            }
        }
        Self.sort(&lines, by: options.order)
        if let limit = options.limit, lines.count > limit { lines.removeSubrange(limit...) }
        return lines
    }

    /// The characters of `text`, in its order, until `width` columns are filled, each run of
    /// white space (line breaks included) as one space so a line stays one line.
    static func contextCharacters(_ text: some Sequence<Character>, width: Int) -> [Character] {
        var kept: [Character] = []
        var used = 0
        for character in text {
            let shown: Character = character.isWhitespace ? " " : character
            if shown == " ", kept.last == " " { continue }
            let columns = DisplayWidth.of(shown)
            guard used + columns <= width else { break }
            kept.append(shown)
            used += columns
        }
        return kept
    }

    static func sort(_ lines: inout [ConcordanceLine], by order: ConcordanceOrder) {
        func position(_ a: ConcordanceLine, _ b: ConcordanceLine) -> Bool {
            let yearA = a.year ?? Int.max, yearB = b.year ?? Int.max
            if yearA != yearB { return yearA < yearB }
            if a.path != b.path { return a.path < b.path }
            return a.matchRange.lowerBound < b.matchRange.lowerBound
        }
        switch order {
        case .year:
            lines.sort(by: position)
        case .left:
            // Compare the reversed left contexts once each, not per comparison.
            let keys = lines.map { String($0.left.reversed()) }
            let order = lines.indices.sorted { i, j in
                keys[i] != keys[j] ? keys[i] < keys[j] : position(lines[i], lines[j])
            }
            lines = order.map { lines[$0] }
        case .right:
            lines.sort { a, b in a.right != b.right ? a.right < b.right : position(a, b) }
        }
    }
}
