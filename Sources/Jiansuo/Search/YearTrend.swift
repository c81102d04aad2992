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

    /// Characters (code points other than white space) of every passage, by the passage's
    /// year (`nil` key: unknown year). Computed from the stored text each time rather than
    /// stored at index time, so the index format stays as it is; it reads all the text once.
    public func charactersByYear(years: ClosedRange<Int>? = nil) throws(JiansuoError) -> [Int?: Int] {
        var characters: [Int?: Int] = [:]
        for (segmentIndex, segment) in snapshot.segments.enumerated() {
            for documentIndex in 0..<segment.documentCount
            where !snapshot.isDeleted(segment: segmentIndex, document: documentIndex) {
                let document = try segment.document(documentIndex)
                for passageIndex in document.passages {
                    let passage = try segment.passage(passageIndex)
                    let year: Int? = passage.year == 0 ? nil : Int(passage.year)
                    if let years {
                        guard let year, years.contains(year) else { continue }
                    }
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
