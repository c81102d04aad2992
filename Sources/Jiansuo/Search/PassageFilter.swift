/// Which passages of one segment a query may return beyond what its words match: the live
/// ones (not deleted), under the headings its `heading:` filters name, passing a
/// conjunction's `PlanFilter`. One test for exhaustive and pruned evaluation and every count.
struct PassageFilter {
    let columns: PassageColumns
    private let deletions: DeletionSet
    /// Per passage, whether it stands under the wanted headings; `nil`: no `heading:`.
    private let headings: [Bool]?
    private let condition: FilterCondition?

    init(columns: PassageColumns, deletions: DeletionSet, headings: [Bool]?, condition: FilterCondition?) {
        self.columns = columns
        self.deletions = deletions
        self.headings = headings
        self.condition = condition
    }

    /// Whether every passage passes, so a list need not be filtered.
    var acceptsAll: Bool { deletions.deletedPassages == 0 && headings == nil && condition == nil }

    func accepts(_ passage: Int) -> Bool {
        !deletions.isDeleted(passage: passage) && headings?[passage] != false
            && (condition?.accepts(passage, columns) ?? true)
    }
}

/// A `PlanFilter` ready to test one segment's passages: collections and sources resolved
/// to the segment's documents once, so a test is a look-up.
struct FilterCondition {
    private indirect enum Test {
        case years(ClosedRange<Int>)
        /// Per document of the segment, whether it passes.
        case documents([Bool])
        case any([Test])
        case all([Test])
    }

    private let test: Test

    /// `documents` gives, per document of `segment`, its collection and source; it is read
    /// only when the filter names one.
    init(_ filter: PlanFilter, segment: SegmentReader, documents: DocumentFacets) throws(JiansuoError) {
        self.test = try Self.compile(filter, segment: segment, documents: documents)
    }

    private static func compile(
        _ filter: PlanFilter, segment: SegmentReader, documents: DocumentFacets
    ) throws(JiansuoError) -> Test {
        switch filter {
        case .years(let range):
            return .years(range)
        case .collection(let name):
            return .documents(try documents.facets(of: segment).map { $0.collection == name })
        case .source(let name):
            return .documents(try documents.facets(of: segment).map { $0.source == name })
        case .any(let filters):
            return .any(try compile(filters, segment: segment, documents: documents))
        case .all(let filters):
            return .all(try compile(filters, segment: segment, documents: documents))
        }
    }

    private static func compile(
        _ filters: [PlanFilter], segment: SegmentReader, documents: DocumentFacets
    ) throws(JiansuoError) -> [Test] {
        var tests: [Test] = []
        for filter in filters { tests.append(try compile(filter, segment: segment, documents: documents)) }
        return tests
    }

    func accepts(_ passage: Int, _ columns: PassageColumns) -> Bool {
        Self.passes(test, passage, columns)
    }

    private static func passes(_ test: Test, _ passage: Int, _ columns: PassageColumns) -> Bool {
        switch test {
        case .years(let range):
            let year = Int(columns.year(passage))
            return year != 0 && range.contains(year)
        case .documents(let passing):
            let document = columns.document(passage)
            return document < passing.count && passing[document]
        case .any(let tests):
            return tests.contains { passes($0, passage, columns) }
        case .all(let tests):
            return tests.allSatisfy { passes($0, passage, columns) }
        }
    }
}

/// The collection and source of each document of a snapshot, as filters test them.
struct DocumentFacets {
    /// The folder collections are named below (see `Searcher.collectionRoot`).
    let collectionRoot: String

    func facets(of segment: SegmentReader) throws(JiansuoError) -> [(collection: String, source: String)] {
        var facets: [(collection: String, source: String)] = []
        facets.reserveCapacity(segment.documentCount)
        for index in 0..<segment.documentCount {
            let document = try segment.document(index)
            facets.append((Searcher.collection(of: document.path, below: collectionRoot), document.source ?? ""))
        }
        return facets
    }
}
