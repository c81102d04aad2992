extension Searcher {
    /// Per year of the index — every year that has text, matched or not, so a year without
    /// a match shows as 0 rather than as a gap — the query's matches and the year's
    /// characters; unknown year last, and only if it has matches.
    public func trendByYear(_ query: String, options: CountOptions = CountOptions()) throws(JiansuoError) -> [YearTrend] {
        try trendByYear(Query.parse(query), options: options)
    }

    public func trendByYear(_ query: Query, options: CountOptions = CountOptions()) throws(JiansuoError) -> [YearTrend] {
        try trendByYear(query, options: options, characters: charactersByYear(options: options))
    }

    /// The trend of each query, in order, counting the characters once for all.
    public func trendsByYear(_ queries: [String], options: CountOptions = CountOptions()) throws(JiansuoError) -> [[YearTrend]] {
        let characters = try charactersByYear(options: options)
        var trends: [[YearTrend]] = []
        for query in queries { trends.append(try trendByYear(Query.parse(query), options: options, characters: characters)) }
        return trends
    }

    private func trendByYear(
        _ query: Query, options: CountOptions, characters: [Int?: Int]
    ) throws(JiansuoError) -> [YearTrend] {
        let counts = try countByYear(query, options: options)
        var countsByYear: [Int?: YearCount] = [:]
        for count in counts { countsByYear[count.year] = count }
        let allYears = Set(characters.keys.compactMap { $0 }).union(counts.compactMap(\.year)).sorted()
        var trend = allYears.map { year in
            let count = countsByYear[year]
            return YearTrend(
                year: year, documents: count?.documents ?? 0, passages: count?.passages ?? 0,
                occurrences: count?.occurrences ?? 0, characters: characters[year] ?? 0)
        }
        if let unknown = countsByYear[nil] {
            trend.append(YearTrend(
                year: nil, documents: unknown.documents, passages: unknown.passages, occurrences: unknown.occurrences,
                characters: characters[nil] ?? 0))
        }
        return trend
    }

    /// Characters (code points other than white space, counted at index time) of every live
    /// passage within the options' years, collection and source, by the passage's year
    /// (`nil` key: unknown year); years without characters are left out. No text is read:
    /// without a collection or source, each segment's totals by year less its deleted
    /// passages'; with one, the counts of the passages in scope.
    public func charactersByYear(options: CountOptions = CountOptions()) throws(JiansuoError) -> [Int?: Int] {
        let scope = options.scope
        var characters: [Int?: Int] = [:]
        func add(_ count: Int, year stored: UInt16) {
            if let years = options.years {
                guard stored != 0, years.contains(Int(stored)) else { return }
            }
            // Wrapping: totals from a damaged file must not trap (the checker reports them).
            characters[stored == 0 ? nil : Int(stored), default: 0] &+= count
        }
        let facets = DocumentFacets(collectionRoot: scope?.readsDocuments == true ? try collectionRoot() : "")
        for (segmentIndex, segment) in snapshot.segments.enumerated() {
            let columns = try segment.passageColumns()
            let deleted = snapshot.deletions[segmentIndex]
            if let scope, scope.readsDocuments {
                let filter = PassageFilter(
                    columns: columns, deletions: deleted, headings: nil,
                    condition: try FilterCondition(scope, segment: segment, documents: facets))
                for passage in 0..<columns.count where filter.accepts(passage) {
                    add(columns.characterCount(passage), year: columns.year(passage))
                }
                continue
            }
            for total in try segment.characterTotalsByYear() {
                // A total beyond Int is a damaged file; clamping keeps the sum from trapping.
                add(Int(clamping: total.characters), year: total.year)
            }
            for passage in deleted.deletedPassageIndices where passage < columns.count {
                add(-columns.characterCount(passage), year: columns.year(passage))
            }
        }
        // A year whose passages are all deleted (or blank) has no text left to show.
        return characters.filter { $0.value > 0 }
    }
}
