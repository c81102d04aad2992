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
    /// Only documents of this collection (see `CountGrouping.collection`).
    public var collection: String?
    /// Only documents whose metadata sidecar names this source.
    public var source: String?
    public var bm25: BM25
    public var defaultOperator: DefaultOperator
    /// Adds, for each pair of words typed side by side, a BM25 term for the pair standing
    /// side by side in the passage, so `代表建议` ranks passages holding the phrase above
    /// those with 代表 and 建议 far apart. Off (with the options below and `bm25.delta`
    /// 0), scores are textbook BM25.
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
    /// and `characters` off and `bm25.delta` 0, scores are textbook BM25.
    public var questionWordsScore: Bool
    /// Whether hits carry `highlights` (found by analyzing each passage again); programs
    /// that only rank, such as evaluation, turn it off.
    public var highlights: Bool
    /// Whether top-k search may skip passages that cannot enter the top `limit` (block-max
    /// pruning). The results are the same either way; off, every match is scored.
    public var pruning: Bool
    /// With pruning, matches are counted exactly up to this many; past it, the passages
    /// pruning skips are no longer counted and `totalMatches` becomes a lower bound
    /// (`totalIsExact` false), as Elasticsearch's `track_total_hits` and Lucene's
    /// total-hits threshold do: counting every match of a common word costs more than
    /// ranking it. The default is Lucene's (1,000): on a 1 GB archive, counting the 6,476
    /// passages of "代表建议" exactly took half of a search's time. `Int.max`: always exact
    /// (`countByYear` and the other counting methods always are).
    public var exactTotalUpTo: Int
    public static let defaultExactTotal = 1_000

    public init(
        limit: Int = 10, years: ClosedRange<Int>? = nil, collection: String? = nil, source: String? = nil,
        bm25: BM25 = BM25(), defaultOperator: DefaultOperator = .all,
        proximity: Bool = true, characterBigrams: Bool = true, characters: Bool = true, questionWordsScore: Bool = false,
        highlights: Bool = true, pruning: Bool = true, exactTotalUpTo: Int = SearchOptions.defaultExactTotal
    ) {
        self.pruning = pruning
        self.exactTotalUpTo = exactTotalUpTo
        self.characters = characters
        self.questionWordsScore = questionWordsScore
        self.characterBigrams = characterBigrams
        self.highlights = highlights
        self.limit = limit
        self.years = years
        self.collection = collection
        self.source = source
        self.bm25 = bm25
        self.defaultOperator = defaultOperator
        self.proximity = proximity
    }
}

/// Options of the methods that count every match — `countByYear`, `counts(_:by:)`,
/// `trendByYear`, `allMatches`: exact, never pruned.
public struct CountOptions: Sendable {
    /// Only passages of these years; passages of unknown year are then left out.
    public var years: ClosedRange<Int>?
    /// Only documents of this collection (see `CountGrouping.collection`).
    public var collection: String?
    /// Only documents whose metadata sidecar names this source.
    public var source: String?
    public var defaultOperator: DefaultOperator

    public init(
        years: ClosedRange<Int>? = nil, collection: String? = nil, source: String? = nil,
        defaultOperator: DefaultOperator = .all
    ) {
        self.years = years
        self.collection = collection
        self.source = source
        self.defaultOperator = defaultOperator
    }
}

/// Options that narrow a query to passages of some years, documents of a collection or of a
/// source.
protocol PassageScoping {
    var years: ClosedRange<Int>? { get }
    var collection: String? { get }
    var source: String? { get }
}

extension PassageScoping {
    /// The filter the years, collection and source ask for; `nil` when they ask nothing.
    var scope: PlanFilter? { PlanFilter.scope(years: years, collection: collection, source: source) }
}

extension SearchOptions: PassageScoping {}
extension CountOptions: PassageScoping {}
