/// One ranked passage.
public struct PassageHit: Sendable, Equatable {
    public let score: Double
    /// The passage's year, `nil` when unknown.
    public let year: Int?
    /// The document's path as it was indexed.
    public let path: String
    public let title: String
    /// Where the document comes from, as its metadata sidecar says; `nil` when unknown.
    public let source: String?
    /// The passage's bytes in the document's UTF-8 text.
    public let passageRange: Range<Int>
    /// The passage's text.
    public let text: String
    /// The matched words and phrases, as byte ranges into `text.utf8`, sorted and disjoint.
    public let highlights: [Range<Int>]
    /// The headings of the sections the passage stands in, outermost first
    /// (`["二、代表工作", "（三）建议办理"]`); empty before the document's first heading.
    public let section: [String]
}

/// Where a passage is: its document and byte range.
public struct PassageLocation: Sendable, Hashable {
    public let path: String
    public let year: Int?
    /// Where the document comes from, as its metadata sidecar says; `nil` when unknown.
    public let source: String?
    /// The passage's bytes in the document's UTF-8 text.
    public let passageRange: Range<Int>
}

/// The answer to a search.
public struct SearchResults: Sendable {
    /// The best passages, best first.
    public let hits: [PassageHit]
    /// How many passages matched in all (before `limit`).
    public let totalMatches: Int
}

/// How the words and phrases of a query combine when no operator joins them.
public enum DefaultOperator: String, Sendable, CaseIterable {
    /// Every word is required (the default for people typing queries).
    case all
    /// Any word may match; passages matching more rank higher (for long natural-language
    /// questions, as in retrieval evaluation).
    case any
}

/// Options of a search.
public struct SearchOptions: Sendable {
    public var limit: Int
    /// Only passages of these years; passages of unknown year are then left out.
    public var years: ClosedRange<Int>?
    public var bm25: BM25
    public var defaultOperator: DefaultOperator
    /// Adds, for each pair of words typed side by side, a BM25 term for the pair standing
    /// side by side in the passage, so `代表建议` ranks passages holding the phrase above
    /// those with 代表 and 建议 far apart. Off, scores are textbook BM25.
    public var proximity: Bool
    /// Adds, for each pair of Han characters typed side by side, a BM25 term (weighted 0.3)
    /// for the pair standing together in the passage: evidence that does not depend on how
    /// ICU segmented either text.
    public var characterBigrams: Bool
    /// Adds, for each Han character typed, a BM25 term (weighted 0.2) for the character in
    /// the passage: what still matches where the two texts were segmented differently.
    public var characters: Bool
    /// Whether question words (什么, 哪, 多少, 是否 … — `QueryPlan.questionWords`) score like
    /// other words; by default they only match, and no proximity pair holds one. Passages rarely hold them, so their idf is
    /// high, yet they say nothing of the answer. On, with `proximity`, `characterBigrams`
    /// and `characters` off, scores are textbook BM25.
    public var questionWordsScore: Bool
    /// Whether hits carry `highlights` (found by analyzing each passage again); programs
    /// that only rank, such as evaluation, turn it off.
    public var highlights: Bool
    /// Whether top-k search may skip passages that cannot enter the top `limit` (block-max
    /// pruning). The results are the same either way; off, every match is scored.
    public var pruning: Bool

    public init(
        limit: Int = 10, years: ClosedRange<Int>? = nil, bm25: BM25 = BM25(), defaultOperator: DefaultOperator = .all,
        proximity: Bool = true, characterBigrams: Bool = true, characters: Bool = true, questionWordsScore: Bool = false,
        highlights: Bool = true, pruning: Bool = true
    ) {
        self.pruning = pruning
        self.characters = characters
        self.questionWordsScore = questionWordsScore
        self.characterBigrams = characterBigrams
        self.highlights = highlights
        self.limit = limit
        self.years = years
        self.bm25 = bm25
        self.defaultOperator = defaultOperator
        self.proximity = proximity
    }
}

/// Matches of a query in one year.
public struct YearCount: Sendable, Equatable {
    /// `nil` for documents of unknown year.
    public let year: Int?
    public var documents: Int
    public var passages: Int
    /// Occurrences of the query: for a word or a phrase, how often it occurs; for several
    /// required clauses, per passage the count of the least frequent one (the number of
    /// complete matches).
    public var occurrences: Int
}
