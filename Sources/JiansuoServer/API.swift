import Hummingbird
import Jiansuo

/// The JSON endpoints. Each reads its parameters, calls the library once on the request's
/// snapshot and encodes the answer; the searching, counting and highlighting are the
/// library's (the same calls the CLI makes).
struct API: Sendable {
    let limits: RequestLimits

    /// `GET /api/search`: `jiansuo search --json`'s object, plus the page (`offset`,
    /// `limit`), the query as parsed (`parsed`) and `took_ms`.
    func search(_ parameters: QueryParameters, on searcher: Searcher) throws(APIError) -> String {
        let query = try parameters.query()
        let (offset, limit) = try parameters.page(defaultLimit: 10)
        let grouping = try parameters.choice("group", default: Grouping.passage)
        let scope = try parameters.scope()
        let options = SearchOptions(
            limit: offset + limit, years: scope.years, collection: scope.collection, source: scope.source,
            defaultOperator: try parameters.choice("operator", default: DefaultOperator.all),
            exactTotalUpTo: try parameters.int(
                "exact_total", default: SearchOptions.defaultExactTotal, in: 0...limits.exactTotal))
        let snippet = try parameters.int("snippet", default: 120, in: 1...2000)
        let results = try library { () throws(JiansuoError) in
            grouping == .doc
                ? try searcher.searchGroupedByDocument(query, options: options)
                : try searcher.search(query, options: options)
        }
        return JSONText.object(
            results.jsonFields(query: query, snippetCharacters: snippet, offset: offset) + [
                ("offset", String(offset)), ("limit", String(limit)),
                ("parsed", JSONText.string(try parsed(query))), ("generation", String(searcher.generation)),
            ])
    }

    enum Grouping: String, CaseIterable { case passage, doc }

    /// `GET /api/count`: by year, `jiansuo count --json`'s object; by document, collection
    /// or source, one row per group.
    func count(_ parameters: QueryParameters, on searcher: Searcher) throws(APIError) -> String {
        let query = try parameters.query()
        let scope = try parameters.scope()
        let options = CountOptions(years: scope.years, collection: scope.collection, source: scope.source)
        let grouping = try parameters.choice("by", default: CountGrouping.year)
        return try library { () throws(JiansuoError) in
            switch grouping {
            case .year: try searcher.trendByYear(query, options: options).json(query: query)
            case .doc, .collection, .source: try searcher.counts(query, by: grouping, options: options).json(query: query, by: grouping)
            }
        }
    }

    /// `GET /api/kwic`: concordance lines, one per occurrence.
    func kwic(_ parameters: QueryParameters, on searcher: Searcher) throws(APIError) -> String {
        let query = try parameters.query()
        let scope = try parameters.scope()
        let limit = try parameters.int("limit", default: 200, in: 0...limits.concordanceLines)
        let offset = try parameters.int("offset", default: 0, in: 0...limits.concordanceLines)
        let options = ConcordanceOptions(
            contextWidth: try parameters.int("width", default: 30, in: 0...limits.contextWidth),
            order: try parameters.choice("sort", default: ConcordanceOrder.year),
            limit: min(offset + limit, limits.concordanceLines), years: scope.years,
            collection: scope.collection, source: scope.source,
            defaultOperator: try parameters.choice("operator", default: DefaultOperator.all))
        let lines = try library { () throws(JiansuoError) in try searcher.concordance(query, options: options) }
        let total = try library { () throws(JiansuoError) in
            try searcher.countByYear(query, options: CountOptions(
                years: scope.years, collection: scope.collection, source: scope.source, defaultOperator: options.defaultOperator))
        }
        return JSONText.object([
            "query": JSONText.string(query),
            "occurrences": String(total.reduce(0) { $0 + $1.occurrences }),
            "offset": String(offset),
            "lines": JSONText.array(lines.dropFirst(offset).map { line in
                JSONText.object([
                    "year": JSONText.optional(line.year), "path": JSONText.string(line.path),
                    "document": JSONText.string(DocumentID.of(path: line.path)), "title": JSONText.string(line.title),
                    "start": String(line.matchRange.lowerBound), "end": String(line.matchRange.upperBound),
                    "section": JSONText.array(line.section.map(JSONText.string)),
                    "left": JSONText.string(line.left), "match": JSONText.string(line.match),
                    "right": JSONText.string(line.right),
                ])
            }),
        ])
    }

    /// `GET /api/documents/{id}`: a document's text with every hit of `q` highlighted.
    func document(id: String, _ parameters: QueryParameters, on searcher: Searcher) throws(APIError) -> String {
        guard DocumentID.isWellFormed(id) else {
            throw .badParameter("id", "a document id is 16 lowercase hex digits")
        }
        let query = try parameters.string("q").map { _ throws(APIError) in try parameters.query() }
        let defaultOperator = try parameters.choice("operator", default: DefaultOperator.all)
        guard let document = try library({ () throws(JiansuoError) in
            try searcher.document(id: id, highlighting: query, defaultOperator: defaultOperator)
        }) else {
            throw APIError(status: .notFound, code: "no_such_document", message: "no document \(id) in the index")
        }
        return JSONText.object([
            "id": JSONText.string(document.id), "path": JSONText.string(document.path),
            "title": JSONText.string(document.title), "year": JSONText.optional(document.year),
            "query": query.map(JSONText.string) ?? "null",
            "text": JSONText.string(document.text),
            "passages": JSONText.ranges(document.passages),
            "highlights": JSONText.ranges(document.highlights),
            "highlightsUTF16": JSONText.ranges(UTF16Ranges.of(document.highlights, in: document.text)),
            "headings": headings(of: document),
        ])
    }

    /// A document's headings: depth and range, in bytes and in UTF-16 code units.
    private func headings(of document: DocumentText) -> String {
        let range = { (range: Range<Int>) in JSONText.array([String(range.lowerBound), String(range.upperBound)]) }
        let units = UTF16Ranges.of(document.headings.map(\.range), in: document.text)
        return JSONText.array(zip(document.headings, units).map { heading, units in
            JSONText.object(["depth": String(heading.depth), "range": range(heading.range), "rangeUTF16": range(units)])
        })
    }

    /// `GET /api/stats`: `jiansuo stats --json`'s object.
    func stats(_ parameters: QueryParameters, on searcher: Searcher) throws(APIError) -> String {
        try library { () throws(JiansuoError) in try searcher.statistics().json() }
    }

    /// The query as the parser read it: the tree, with each word as the analyzer splits it.
    func parsed(_ query: String) throws(APIError) -> String {
        try library { () throws(JiansuoError) in try Query.parse(query).description }
    }

    func library<Value>(_ body: () throws(JiansuoError) -> Value) throws(APIError) -> Value {
        do { return try body() } catch { throw APIError(error) }
    }
}
