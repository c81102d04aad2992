/// A query's matches in one year, with the amount of text indexed for that year, so years
/// can be compared although their reports differ in length.
public struct YearTrend: Sendable, Equatable {
    /// `nil` for passages of unknown year.
    public let year: Int?
    /// Documents with at least one matching passage of this year.
    public let documents: Int
    public let passages: Int
    /// As in `YearCount`: for a word or phrase, how often it occurs.
    public let occurrences: Int
    /// Characters in all passages of this year, matching or not: Unicode code points other
    /// than white space (line breaks and spaces vary with how a report was typed or scraped).
    public let characters: Int

    public init(year: Int?, documents: Int, passages: Int, occurrences: Int, characters: Int) {
        self.year = year
        self.documents = documents
        self.passages = passages
        self.occurrences = occurrences
        self.characters = characters
    }

    /// Occurrences per 10,000 characters of the year's text; 0 when the year has no text.
    public var occurrencesPer10kCharacters: Double {
        characters == 0 ? 0 : Double(occurrences) * 10_000 / Double(characters)
    }
}

extension Searcher {
    /// Per year of the index — every year that has text, matched or not, so a year without
    /// a match shows as 0 rather than as a gap — the query's matches and the year's
    /// characters; unknown year last, and only if it has matches.
    public func trendByYear(_ query: String, years: ClosedRange<Int>? = nil) throws(JiansuoError) -> [YearTrend] {
        try trendByYear(query, years: years, characters: charactersByYear(years: years))
    }

    /// The trend of each query, in order, reading the text for the characters once for all.
    public func trendsByYear(_ queries: [String], years: ClosedRange<Int>? = nil) throws(JiansuoError) -> [[YearTrend]] {
        let characters = try charactersByYear(years: years)
        var trends: [[YearTrend]] = []
        for query in queries { trends.append(try trendByYear(query, years: years, characters: characters)) }
        return trends
    }

    private func trendByYear(
        _ query: String, years: ClosedRange<Int>?, characters: [Int?: Int]
    ) throws(JiansuoError) -> [YearTrend] {
        let counts = try countByYear(query, years: years)
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

    /// Characters (code points other than white space) of every live passage, by the
    /// passage's year (`nil` key: unknown year): each segment's totals stored at index time,
    /// less the characters of its deleted passages — no text is read. Years without
    /// characters are left out.
    public func charactersByYear(years: ClosedRange<Int>? = nil) throws(JiansuoError) -> [Int?: Int] {
        var characters: [Int?: Int] = [:]
        func add(_ count: Int, year stored: UInt16) {
            let year: Int? = stored == 0 ? nil : Int(stored)
            if let years {
                guard let year, years.contains(year) else { return }
            }
            // Wrapping: totals from a damaged file must not trap (the checker reports them).
            characters[year, default: 0] &+= count
        }
        for (segmentIndex, segment) in snapshot.segments.enumerated() {
            for total in try segment.characterTotalsByYear() {
                // A total beyond Int is a damaged file; clamping keeps the sum from trapping.
                add(Int(clamping: total.characters), year: total.year)
            }
            let deleted = snapshot.deletions[segmentIndex]
            guard deleted.deletedPassages > 0 else { continue }
            let columns = try segment.passageColumns()
            for passage in deleted.deletedPassageIndices where passage < columns.count {
                add(-columns.characterCount(passage), year: columns.year(passage))
            }
        }
        // A year whose passages are all deleted (or blank) has no text left to show.
        return characters.filter { $0.value > 0 }
    }
}
