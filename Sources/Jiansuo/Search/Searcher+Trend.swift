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

    /// Characters (code points other than white space) of every passage within the
    /// options' years, collection and source, by the passage's year (`nil` key: unknown
    /// year). Computed from the stored text each time rather than stored at index time, so
    /// the index format stays as it is; it reads all the text once.
    public func charactersByYear(options: CountOptions = CountOptions()) throws(JiansuoError) -> [Int?: Int] {
        let scope = options.scope
        let facets = DocumentFacets(collectionRoot: scope?.readsDocuments == true ? try collectionRoot() : "")
        var characters: [Int?: Int] = [:]
        for (segmentIndex, segment) in snapshot.segments.enumerated() {
            let columns = try segment.passageColumns()
            let condition = try scope.map { (filter: PlanFilter) throws(JiansuoError) in
                try FilterCondition(filter, segment: segment, documents: facets)
            }
            for documentIndex in 0..<segment.documentCount
            where !snapshot.isDeleted(segment: segmentIndex, document: documentIndex) {
                let document = try segment.document(documentIndex)
                for passageIndex in document.passages {
                    let passage = try segment.passage(passageIndex)
                    let year: Int? = passage.year == 0 ? nil : Int(passage.year)
                    if let condition, !condition.accepts(passageIndex, columns) { continue }
                    guard passage.start < passage.end else { continue }
                    // A passage beyond its document's text is a damaged index, reported as such.
                    let text = try segment.textBytes(of: document, range: Int(passage.start)..<Int(passage.end))
                    characters[year, default: 0] += Self.nonWhiteSpaceCodePoints(text)
                }
            }
        }
        return characters
    }

    /// Code points in UTF-8 `bytes`, leaving out ASCII white space and the ideographic space
    /// U+3000 (E3 80 80) that Chinese reports indent paragraphs with.
    static func nonWhiteSpaceCodePoints(_ bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        var index = 0
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D:
                break
            case 0xE3 where index + 2 < end && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80:
                index += 2
            default:
                // Continuation bytes (10xxxxxx) belong to the code point already counted.
                if byte & 0xC0 != 0x80 { count += 1 }
            }
            index += 1
        }
        return count
    }
}
