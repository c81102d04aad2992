import Synchronization

/// Searches an index: ranked passages, counts by year, statistics.
///
/// A searcher reads one snapshot of the index — the commit current when it was opened —
/// through memory-mapped files, and may be shared between threads.
public final class Searcher: Sendable {
    let snapshot: IndexSnapshot
    /// Per segment, per document, its path's rank (see `passageOrder`), once computed.
    private let documentRanks = Mutex<[[Int32]]?>(nil)

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

    /// The best passages for `query` (see `Query` for the syntax).
    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws(JiansuoError) -> SearchResults {
        try search(Query.parse(query), options: options)
    }

    public func search(_ query: Query, options: SearchOptions = SearchOptions()) throws(JiansuoError) -> SearchResults {
        guard options.limit >= 0 else { throw .invalidArgument("limit must be ≥ 0, not \(options.limit)") }
        // A limit beyond the passages there are means all of them.
        let limit = min(options.limit, snapshot.passageCount)
        let analyzer = try Analyzer()
        let plan = try plan(query, options: options, analyzer: analyzer)
        let scoring = try scoringContext(plan, bm25: options.bm25.validated())
        let headings = try headingFilter(plan)

        var collector = TopKCollector(k: limit, order: try passageOrder())
        var total = 0
        let pruned: (any PrunedTopK)? = PrunedConjunction(plan) ?? PrunedDisjunction(plan)
        if options.pruning, limit > 0, let pruned {
            for (segmentIndex, segment) in snapshot.segments.enumerated() {
                total += try pruned.collect(
                    segment: segment, segmentIndex: segmentIndex, plan: plan, scoring: scoring,
                    yearFilter: options.years, isLive: { !snapshot.isDeleted(segment: segmentIndex, passage: $0) && headings?[segmentIndex][$0] != false },
                    into: &collector)
            }
        } else {
            for (segmentIndex, segment) in snapshot.segments.enumerated() {
                let scorer = try ExhaustiveScorer(segment: segment, plan: plan, scoring: scoring)
                let matches = try scorer.evaluate()
                for index in 0..<matches.count {
                    let passage = Int(matches.passages[index])
                    guard !snapshot.isDeleted(segment: segmentIndex, passage: passage),
                          headings?[segmentIndex][passage] != false,
                          Self.passes(year: scorer.columns.year(passage), filter: options.years) else { continue }
                    total += 1
                    collector.offer(score: matches.scores[index], segment: segmentIndex, passage: passage)
                }
            }
        }
        let best = collector.sorted()
        let highlighter = options.highlights ? Highlighter(plan: plan) : nil
        var hits: [PassageHit] = []
        for candidate in best {
            hits.append(try hit(
                segment: snapshot.segments[candidate.segment], passage: candidate.passage, score: candidate.score,
                highlighter: highlighter, analyzer: analyzer))
        }
        return SearchResults(hits: hits, totalMatches: total)
    }

    /// The plan `search` runs for `query`.
    func plan(_ query: Query, options: SearchOptions, analyzer: Analyzer) throws(JiansuoError) -> QueryPlan {
        try QueryPlan(
            query, analyzer: analyzer, defaultOperator: options.defaultOperator, proximity: options.proximity,
            characterBigrams: options.characterBigrams)
    }

    /// Per year, the documents, passages and occurrences matching `query`, in year order
    /// (unknown year last). Exact: nothing is pruned.
    public func countByYear(
        _ query: String, years: ClosedRange<Int>? = nil, defaultOperator: DefaultOperator = .all
    ) throws(JiansuoError) -> [YearCount] {
        let plan = try QueryPlan(Query.parse(query), analyzer: Analyzer(), defaultOperator: defaultOperator)
        var counts: [Int: YearCount] = [:]  // unknown year under key 0
        try forEachMatch(plan, years: years) { (_, columns, passage, occurrences, startsDocument) throws(JiansuoError) in
            let key = Int(columns.year(passage))
            var count = counts[key] ?? YearCount(year: key == 0 ? nil : key, documents: 0, passages: 0, occurrences: 0)
            count.passages += 1
            count.occurrences += occurrences
            if startsDocument { count.documents += 1 }
            counts[key] = count
        }
        return counts.values.sorted { ($0.year ?? Int.max) < ($1.year ?? Int.max) }
    }

    /// Every passage matching `query`, unranked, in index order: for exports and for
    /// checking the index against a scan of the text.
    public func allMatches(
        _ query: String, years: ClosedRange<Int>? = nil, defaultOperator: DefaultOperator = .all
    ) throws(JiansuoError) -> [PassageLocation] {
        try allMatches(
            QueryPlan(Query.parse(query), analyzer: Analyzer(), defaultOperator: defaultOperator), years: years)
    }

    func allMatches(_ plan: QueryPlan, years: ClosedRange<Int>?) throws(JiansuoError) -> [PassageLocation] {
        var locations: [PassageLocation] = []
        try forEachMatch(plan, years: years) { (segment, _, passageIndex, _, _) throws(JiansuoError) in
            let passage = try segment.passage(passageIndex)
            let document = try segment.document(Int(passage.document))
            locations.append(PassageLocation(
                path: document.path, year: passage.year == 0 ? nil : Int(passage.year), source: document.source,
                passageRange: Int(passage.start)..<Int(passage.end)))
        }
        return locations
    }

    /// Calls `body` for each matching passage with its segment, the segment's passage
    /// columns, the passage, its occurrences, and whether it is its document's first match
    /// of its year (a document whose sections speak of several years counts in each).
    /// Exact: nothing is pruned.
    func forEachMatch(
        _ plan: QueryPlan, years: ClosedRange<Int>?,
        _ body: (SegmentReader, PassageColumns, Int, Int, Bool) throws(JiansuoError) -> Void
    ) throws(JiansuoError) {
        let scoring = try scoringContext(plan, bm25: BM25())
        let headings = try headingFilter(plan)
        for (segmentIndex, segment) in snapshot.segments.enumerated() {
            let scorer = try ExhaustiveScorer(segment: segment, plan: plan, scoring: scoring)
            let matches = try scorer.evaluate()
            var lastDocument: UInt32?
            var yearsOfDocument: Set<UInt16> = []
            for index in 0..<matches.count {
                let passage = Int(matches.passages[index])
                let year = scorer.columns.year(passage)
                guard !snapshot.isDeleted(segment: segmentIndex, passage: passage),
                      headings?[segmentIndex][passage] != false, Self.passes(year: year, filter: years) else { continue }
                let document = try segment.passage(passage).document
                if document != lastDocument { yearsOfDocument = [] }
                let isFirstOfYear = yearsOfDocument.insert(year).inserted
                try body(segment, scorer.columns, passage, Int(matches.occurrences[index]), isFirstOfYear)
                lastDocument = document
            }
        }
    }

    /// The order of equal scores, built on first use: every document's path is read once.
    func passageOrder() throws(JiansuoError) -> PassageOrder {
        var columns: [PassageColumns] = []
        for segment in snapshot.segments { columns.append(try segment.passageColumns()) }
        if let ranks = documentRanks.withLock({ $0 }) { return PassageOrder(documentRanks: ranks, columns: columns) }
        var paths: [(path: String, segment: Int, document: Int)] = []
        for (segmentIndex, segment) in snapshot.segments.enumerated() {
            for document in 0..<segment.documentCount {
                paths.append((try segment.document(document).path, segmentIndex, document))
            }
        }
        var ranks = snapshot.segments.map { [Int32](repeating: 0, count: $0.documentCount) }
        for (rank, entry) in paths.sorted(by: { ($0.path, $0.segment) < ($1.path, $1.segment) }).enumerated() {
            ranks[entry.segment][entry.document] = Int32(clamping: rank)
        }
        documentRanks.withLock { $0 = ranks }
        return PassageOrder(documentRanks: ranks, columns: columns)
    }

    private static func passes(year: UInt16, filter: ClosedRange<Int>?) -> Bool {
        guard let filter else { return true }
        return year != 0 && filter.contains(Int(year))
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
            // the pair cannot be in more passages than that, and counting the pair itself
            // would read the positions of two common characters in every passage.
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
