/// Searches an index: ranked passages, counts by year, statistics.
///
/// A searcher reads one snapshot of the index — the commit current when it was opened —
/// through memory-mapped files, and may be shared between threads. Each query method takes
/// the query as text (see `Query` for the syntax) or parsed, and its options:
/// `search` (`SearchOptions`), `countByYear`, `counts(_:by:)`, `trendByYear` and
/// `allMatches` (`CountOptions`), `concordance` (`ConcordanceOptions`).
public final class Searcher: Sendable {
    let snapshot: IndexSnapshot

    /// Opens the index in `directory`.
    public convenience init(directory: String) throws(JiansuoError) {
        try self.init(IndexDirectory(directory))
    }

    init(_ directory: IndexDirectory) throws(JiansuoError) {
        self.snapshot = try IndexSnapshot(directory: directory)
    }

    /// The mean passage length in tokens, over the live (not deleted) passages of the index.
    var averagePassageLength: Double {
        snapshot.passageCount == 0 ? 0 : Double(snapshot.tokenCount) / Double(snapshot.passageCount)
    }

    /// The analyzer of this index: its dictionary's, so queries are analyzed as the text was.
    func analyzer() throws(JiansuoError) -> Analyzer {
        try Analyzer(dictionary: snapshot.dictionary)
    }

    /// `query` planned for this index, narrowed to the years, collection and source given.
    func plan(
        _ query: Query, defaultOperator: DefaultOperator, scope: PlanFilter?, analyzer: Analyzer,
        proximity: Bool = false, characterBigrams: Bool = false, characters: Bool = false, questionWordsScore: Bool = true
    ) throws(JiansuoError) -> QueryPlan {
        var plan = try QueryPlan(
            query, analyzer: analyzer, defaultOperator: defaultOperator, proximity: proximity,
            characterBigrams: characterBigrams, characters: characters, questionWordsScore: questionWordsScore)
        if let scope { plan.restrict(to: scope) }
        return plan
    }

    /// `plan` with what running it over this snapshot needs, resolved once.
    func prepare(_ plan: QueryPlan, bm25: BM25) throws(JiansuoError) -> PreparedQuery {
        PreparedQuery(
            plan: plan, scoring: try scoringContext(plan, bm25: bm25), headings: try headingFilter(plan),
            facets: DocumentFacets(collectionRoot: plan.root.filtersReadDocuments ? try collectionRoot() : ""),
            deletions: snapshot.deletions)
    }

    /// Calls `body` for each matching passage with its segment, the segment's passage
    /// columns, the passage, its occurrences, and whether it is its document's first match
    /// of its year (a document whose sections speak of several years counts in each).
    /// Exact: nothing is pruned.
    func forEachMatch(
        _ plan: QueryPlan, _ body: (SegmentReader, PassageColumns, Int, Int, Bool) throws(JiansuoError) -> Void
    ) throws(JiansuoError) {
        let query = try prepare(plan, bm25: BM25())
        for (segmentIndex, segment) in snapshot.segments.enumerated() {
            let scorer = try ExhaustiveScorer(segment: segment, index: segmentIndex, query: query)
            let matches = try scorer.evaluate()
            var lastDocument: Int?
            var yearsOfDocument: Set<UInt16> = []
            for index in 0..<matches.count {
                let passage = Int(matches.passages[index])
                let document = scorer.columns.document(passage)
                if document != lastDocument { yearsOfDocument = [] }
                let isFirstOfYear = yearsOfDocument.insert(scorer.columns.year(passage)).inserted
                try body(segment, scorer.columns, passage, Int(matches.occurrences[index]), isFirstOfYear)
                lastDocument = document
            }
        }
    }

    /// Per plan leaf, its idf over the whole snapshot: from its words' passage frequencies
    /// (a phrase: the sum of its words'), or, for a character pair, from its rarer character's.
    private func scoringContext(_ plan: QueryPlan, bm25: BM25) throws(JiansuoError) -> ScoringContext {
        var frequencies: [String: Int] = [:]
        for term in Set(plan.leaves.compactMap(\.idfTerms).joined()) {
            var total = 0
            for segment in snapshot.segments.indices {
                total += try snapshot.livePassageFrequency(of: Array(term.utf8), segment: segment)
            }
            frequencies[term] = total
        }
        var idfs: [Double] = []
        for leaf in plan.leaves {
            if let terms = leaf.idfTerms {
                idfs.append(terms.reduce(0) { sum, term in
                    sum + BM25.idf(passageCount: snapshot.passageCount, passageFrequency: frequencies[term] ?? 0)
                })
                continue
            }
            // A leaf without words (a character pair) is weighed by its rarest character:
            // the pair cannot be in more passages than that. The pair's own count, which
            // its list now gives, ranked no better (docs/QUALITY.md, round six).
            var passageFrequency = Int.max
            if case .characters(let characters) = leaf.kind {
                for character in characters {
                    var frequency = 0
                    for segment in snapshot.segments.indices {
                        frequency += try snapshot.livePassageFrequency(of: CharacterTerms.key(character), segment: segment)
                    }
                    passageFrequency = min(passageFrequency, frequency)
                }
            }
            if passageFrequency == Int.max { passageFrequency = 0 }
            idfs.append(BM25.idf(passageCount: snapshot.passageCount, passageFrequency: passageFrequency))
        }
        return ScoringContext(bm25: bm25, averageLength: averagePassageLength, leafIDFs: idfs)
    }
}
