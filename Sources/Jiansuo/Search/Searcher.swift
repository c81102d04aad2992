/// Searches an index: ranked passages, counts by year, statistics.
///
/// A searcher reads one snapshot of the index — the commit current when it was opened —
/// through memory-mapped files, and may be shared between threads.
public final class Searcher: Sendable {
    let snapshot: IndexSnapshot

    /// Opens the index in `directory`.
    public init(directory: String) throws(JiansuoError) {
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
        let bm25 = try options.bm25.validated()
        let analyzer = try Analyzer()
        let analyzed = try AnalyzedQuery(query, analyzer: analyzer)
        let idfs = try elementIDFs(analyzed)
        let averageLength = averagePassageLength

        struct Candidate { var score: Double; var segment: Int; var passage: Int }
        var candidates: [Candidate] = []
        for (segmentIndex, segment) in snapshot.segments.enumerated() {
            for match in try SegmentMatcher(segment: segment, query: analyzed).matches()
            where !snapshot.isDeleted(segment: segmentIndex, passage: match.passage) {
                let passage = try segment.passage(match.passage)
                guard Self.passes(year: passage.year, filter: options.years) else { continue }
                var score = 0.0
                for (element, frequency) in match.frequencies.enumerated() {
                    score += bm25.termScore(
                        idf: idfs[element], frequency: frequency, length: Int(passage.tokenCount),
                        averageLength: averageLength)
                }
                candidates.append(Candidate(score: score, segment: segmentIndex, passage: match.passage))
            }
        }
        candidates.sort { a, b in
            a.score != b.score ? a.score > b.score : (a.segment, a.passage) < (b.segment, b.passage)
        }
        let highlighter = Highlighter(query: analyzed)
        var hits: [PassageHit] = []
        for candidate in candidates.prefix(options.limit) {
            hits.append(try hit(
                segment: snapshot.segments[candidate.segment], passage: candidate.passage, score: candidate.score,
                highlighter: highlighter, analyzer: analyzer))
        }
        return SearchResults(hits: hits, totalMatches: candidates.count)
    }

    /// Per year, the documents, passages and occurrences matching `query`, in year order
    /// (unknown year last). Exact: nothing is pruned.
    public func countByYear(_ query: String, years: ClosedRange<Int>? = nil) throws(JiansuoError) -> [YearCount] {
        let analyzer = try Analyzer()
        let analyzed = try AnalyzedQuery(Query.parse(query), analyzer: analyzer)
        var counts: [Int: YearCount] = [:]  // unknown year under key 0
        for (segmentIndex, segment) in snapshot.segments.enumerated() {
            var lastDocument: UInt32?
            for match in try SegmentMatcher(segment: segment, query: analyzed).matches()
            where !snapshot.isDeleted(segment: segmentIndex, passage: match.passage) {
                let passage = try segment.passage(match.passage)
                guard Self.passes(year: passage.year, filter: years) else { continue }
                let key = Int(passage.year)
                var count = counts[key] ?? YearCount(year: key == 0 ? nil : key, documents: 0, passages: 0, occurrences: 0)
                count.passages += 1
                count.occurrences += match.frequencies.min() ?? 0
                if passage.document != lastDocument {
                    count.documents += 1
                    lastDocument = passage.document
                }
                counts[key] = count
            }
        }
        return counts.values.sorted { ($0.year ?? Int.max) < ($1.year ?? Int.max) }
    }

    /// Every passage matching `query`, unranked, in index order: for exports and for
    /// checking the index against a scan of the text.
    public func allMatches(_ query: String, years: ClosedRange<Int>? = nil) throws(JiansuoError) -> [PassageLocation] {
        try allMatches(AnalyzedQuery(Query.parse(query), analyzer: Analyzer()), years: years)
    }

    func allMatches(_ analyzed: AnalyzedQuery, years: ClosedRange<Int>?) throws(JiansuoError) -> [PassageLocation] {
        var locations: [PassageLocation] = []
        for (segmentIndex, segment) in snapshot.segments.enumerated() {
            for match in try SegmentMatcher(segment: segment, query: analyzed).matches()
            where !snapshot.isDeleted(segment: segmentIndex, passage: match.passage) {
                let passage = try segment.passage(match.passage)
                guard Self.passes(year: passage.year, filter: years) else { continue }
                let document = try segment.document(Int(passage.document))
                locations.append(PassageLocation(
                    path: document.path, year: passage.year == 0 ? nil : Int(passage.year),
                    passageRange: Int(passage.start)..<Int(passage.end)))
            }
        }
        return locations
    }

    private static func passes(year: UInt16, filter: ClosedRange<Int>?) -> Bool {
        guard let filter else { return true }
        return year != 0 && filter.contains(Int(year))
    }

    /// Per query element, its idf over the whole snapshot (a phrase: the sum of its terms'),
    /// counting live passages only, so deletes leave scores as a fresh index would give them.
    private func elementIDFs(_ query: AnalyzedQuery) throws(JiansuoError) -> [Double] {
        var frequencies: [String: Int] = [:]
        for term in query.distinctTerms {
            var total = 0
            for segment in snapshot.segments.indices {
                total += try snapshot.livePassageFrequency(of: Array(term.utf8), segment: segment)
            }
            frequencies[term] = total
        }
        return query.elements.map { element in
            element.reduce(0) { sum, term in
                sum + BM25.idf(passageCount: snapshot.passageCount, passageFrequency: frequencies[term] ?? 0)
            }
        }
    }

    private func hit(
        segment: SegmentReader, passage index: Int, score: Double, highlighter: Highlighter, analyzer: Analyzer
    ) throws(JiansuoError) -> PassageHit {
        let passage = try segment.passage(index)
        let document = try segment.document(Int(passage.document))
        let range = Int(passage.start)..<Int(passage.end)
        let text = String(decoding: try segment.textBytes(of: document, range: range), as: UTF8.self)
        return PassageHit(
            score: score, year: passage.year == 0 ? nil : Int(passage.year), path: document.path,
            title: document.title, passageRange: range, text: text,
            highlights: try highlighter.highlights(in: text, analyzer: analyzer))
    }
}
