extension Searcher {
    /// The best passages for `query`, best first (see `Query` for the syntax).
    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws(JiansuoError) -> SearchResults {
        try search(Query.parse(query), options: options)
    }

    public func search(_ query: Query, options: SearchOptions = SearchOptions()) throws(JiansuoError) -> SearchResults {
        guard options.limit >= 0 else { throw .invalidArgument("limit must be ≥ 0, not \(options.limit)") }
        // A limit beyond the passages there are means all of them.
        let limit = min(options.limit, snapshot.passageCount)
        let analyzer = try analyzer()
        let plan = try plan(query, options: options, analyzer: analyzer)
        let prepared = try prepare(plan, bm25: options.bm25.validated())

        var collector = TopKCollector(k: limit, order: try PassageOrder(segments: snapshot.segments))
        guard options.exactTotalUpTo >= 0 else {
            throw .invalidArgument("exactTotalUpTo must be ≥ 0, not \(options.exactTotalUpTo)")
        }
        var total = 0, exact = true
        let pruned: (any PrunedTopK)? = PrunedConjunction(plan) ?? PrunedDisjunction(plan)
        if options.pruning, limit > 0, let pruned {
            for (segmentIndex, segment) in snapshot.segments.enumerated() {
                let counted = try pruned.collect(
                    segment: segment, segmentIndex: segmentIndex, query: prepared,
                    countLimit: max(0, options.exactTotalUpTo - total), into: &collector)
                total += counted.matches
                exact = exact && counted.exact
            }
        } else {
            for (segmentIndex, segment) in snapshot.segments.enumerated() {
                let matches = try ExhaustiveScorer(segment: segment, index: segmentIndex, query: prepared).evaluate()
                total += matches.count
                for index in 0..<matches.count {
                    collector.offer(score: matches.scores[index], segment: segmentIndex, passage: Int(matches.passages[index]))
                }
            }
        }
        let highlighter = options.highlights ? Highlighter(plan: plan) : nil
        var hits: [PassageHit] = []
        for candidate in collector.sorted() {
            hits.append(try hit(
                segment: snapshot.segments[candidate.segment], passage: candidate.passage, score: candidate.score,
                highlighter: highlighter, analyzer: analyzer))
        }
        return SearchResults(hits: hits, totalMatches: total, totalIsExact: exact)
    }

    /// The best passage of each matching document, best first: one hit per document, for
    /// when a long report should not fill the whole list with its paragraphs.
    /// `options.limit` counts documents; `totalMatches` still counts matching passages.
    public func searchGroupedByDocument(_ query: String, options: SearchOptions = SearchOptions()) throws(JiansuoError) -> SearchResults {
        try searchGroupedByDocument(Query.parse(query), options: options)
    }

    public func searchGroupedByDocument(_ query: Query, options: SearchOptions = SearchOptions()) throws(JiansuoError) -> SearchResults {
        guard options.limit >= 0 else { throw .invalidArgument("limit must be ≥ 0, not \(options.limit)") }
        // Ranked passages are fetched in growing batches until enough distinct documents are
        // seen: a few documents' passages usually fill the top, and highlighting every
        // matching passage of a common word would cost far more than the ranking.
        var fetch = max(32, options.limit.multipliedReportingOverflow(by: 4).overflow ? Int.max : options.limit * 4)
        while true {
            var batchOptions = options
            batchOptions.limit = fetch
            let results = try search(query, options: batchOptions)
            var seen = Set<String>()
            var best: [PassageHit] = []
            for hit in results.hits where best.count < options.limit && seen.insert(hit.path).inserted {
                best.append(hit)
            }
            if best.count == options.limit || results.hits.count >= results.totalMatches {
                return SearchResults(hits: best, totalMatches: results.totalMatches, totalIsExact: results.totalIsExact)
            }
            fetch = fetch > Int.max / 4 ? Int.max : fetch * 4
        }
    }

    /// The plan `search` runs for `query`.
    func plan(_ query: Query, options: SearchOptions, analyzer: Analyzer) throws(JiansuoError) -> QueryPlan {
        try plan(
            query, defaultOperator: options.defaultOperator, scope: options.scope, analyzer: analyzer,
            proximity: options.proximity, characterBigrams: options.characterBigrams, characters: options.characters,
            questionWordsScore: options.questionWordsScore)
    }

    private func hit(
        segment: SegmentReader, passage index: Int, score: Double, highlighter: Highlighter?, analyzer: Analyzer
    ) throws(JiansuoError) -> PassageHit {
        let passage = try segment.passage(index)
        let document = try segment.document(Int(passage.document))
        let range = Int(passage.start)..<Int(passage.end)
        let text = String(decoding: try segment.textBytes(of: document, range: range), as: UTF8.self)
        return PassageHit(
            score: score, year: passage.year == 0 ? nil : Int(passage.year), path: document.path,
            title: document.title, source: document.source, passageRange: range, text: text,
            highlights: try highlighter?.highlights(in: text, analyzer: analyzer) ?? [],
            section: try segment.sectionPath(of: passage))
    }
}
