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
