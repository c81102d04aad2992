/// A plan ready to run over one snapshot: the index-wide statistics its scores use and the
/// filters of the whole query, resolved once and shared by every segment.
struct PreparedQuery {
    let plan: QueryPlan
    let scoring: ScoringContext
    /// Per segment, per passage, whether it stands under the `heading:` filters' headings;
    /// `nil` when the query has none.
    let headings: [[Bool]]?
    /// Collections and sources, for the filters that name them.
    let facets: DocumentFacets
    let deletions: [DeletionSet]

    /// Which passages of segment number `index` may be returned: live, under the wanted
    /// headings, and passing `filter` (a conjunction's, when the caller evaluates it).
    func passageFilter(
        segment index: Int, _ segment: SegmentReader, passing filter: PlanFilter? = nil
    ) throws(JiansuoError) -> PassageFilter {
        PassageFilter(
            columns: try segment.passageColumns(), deletions: deletions[index], headings: headings?[index],
            condition: try condition(filter, segment: segment))
    }

    /// `filter` compiled for `segment`; `nil` for no filter.
    func condition(_ filter: PlanFilter?, segment: SegmentReader) throws(JiansuoError) -> FilterCondition? {
        guard let filter else { return nil }
        return try FilterCondition(filter, segment: segment, documents: facets)
    }
}
