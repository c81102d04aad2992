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
    /// How many passages matched in all (before `limit`) — exactly when `totalIsExact`,
    /// otherwise at least this many (see `SearchOptions.exactTotalUpTo`).
    public let totalMatches: Int
    /// Whether `totalMatches` is the exact count; `false` when top-k pruning skipped
    /// passages it did not count. Counting methods (`countByYear`, …) are always exact.
    public let totalIsExact: Bool
}
