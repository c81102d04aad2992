/// What `count --by` groups matches by.
public enum CountGrouping: String, Sendable, CaseIterable {
    case year
    /// Each document (by its indexed path).
    case doc
    /// Each collection: the top folder below the folder every document shares, so an index
    /// of `corpus/gov-work-reports` and `corpus/provincial-2026` has those two collections.
    case collection
    /// Each source, as the metadata sidecar names it (empty: documents without one).
    case source
}

/// Matches of a query in one document, collection or source.
public struct GroupCount: Sendable, Equatable {
    /// The document's path, the collection's name or the source.
    public let key: String
    public var documents: Int
    public var passages: Int
    public var occurrences: Int
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

extension Searcher {
    /// Per year, the documents, passages and occurrences matching `query`, in year order
    /// (unknown year last). Exact: nothing is pruned.
    public func countByYear(_ query: String, options: CountOptions = CountOptions()) throws(JiansuoError) -> [YearCount] {
        try countByYear(Query.parse(query), options: options)
    }

    public func countByYear(_ query: Query, options: CountOptions = CountOptions()) throws(JiansuoError) -> [YearCount] {
        var counts: [Int: YearCount] = [:]  // unknown year under key 0
        try forEachMatch(plan(query, options: options)) { (_, columns, passage, occurrences, startsDocument) throws(JiansuoError) in
            let key = Int(columns.year(passage))
            var count = counts[key] ?? YearCount(year: key == 0 ? nil : key, documents: 0, passages: 0, occurrences: 0)
            count.passages += 1
            count.occurrences += occurrences
            if startsDocument { count.documents += 1 }
            counts[key] = count
        }
        return counts.values.sorted { ($0.year ?? Int.max) < ($1.year ?? Int.max) }
    }

    /// Per document, collection or source (`grouping` other than `.year`), the documents,
    /// passages and occurrences matching `query`, most occurrences first (then by key).
    /// Exact: nothing is pruned.
    public func counts(
        _ query: String, by grouping: CountGrouping, options: CountOptions = CountOptions()
    ) throws(JiansuoError) -> [GroupCount] {
        try counts(Query.parse(query), by: grouping, options: options)
    }

    public func counts(
        _ query: Query, by grouping: CountGrouping, options: CountOptions = CountOptions()
    ) throws(JiansuoError) -> [GroupCount] {
        guard grouping != .year else { throw .invalidArgument("counts by year are countByYear's") }
        let root = grouping == .collection ? try collectionRoot() : ""
        var counts: [String: GroupCount] = [:]
        try forEachMatch(plan(query, options: options)) { (segment, _, passage, occurrences, startsDocument) throws(JiansuoError) in
            let document = try segment.document(Int(segment.passage(passage).document))
            let key = switch grouping {
            case .year, .doc: document.path
            case .collection: Self.collection(of: document.path, below: root)
            case .source: document.source ?? ""
            }
            var count = counts[key] ?? GroupCount(key: key, documents: 0, passages: 0, occurrences: 0)
            count.passages += 1
            count.occurrences += occurrences
            if startsDocument { count.documents += 1 }
            counts[key] = count
        }
        return counts.values.sorted { $0.occurrences != $1.occurrences ? $0.occurrences > $1.occurrences : $0.key < $1.key }
    }

    /// Every passage matching `query`, unranked, in index order: for exports and for
    /// checking the index against a scan of the text.
    public func allMatches(_ query: String, options: CountOptions = CountOptions()) throws(JiansuoError) -> [PassageLocation] {
        try allMatches(Query.parse(query), options: options)
    }

    public func allMatches(_ query: Query, options: CountOptions = CountOptions()) throws(JiansuoError) -> [PassageLocation] {
        try allMatches(plan(query, options: options))
    }

    func allMatches(_ plan: QueryPlan) throws(JiansuoError) -> [PassageLocation] {
        var locations: [PassageLocation] = []
        try forEachMatch(plan) { (segment, _, passageIndex, _, _) throws(JiansuoError) in
            let passage = try segment.passage(passageIndex)
            let document = try segment.document(Int(passage.document))
            locations.append(PassageLocation(
                path: document.path, year: passage.year == 0 ? nil : Int(passage.year), source: document.source,
                passageRange: Int(passage.start)..<Int(passage.end)))
        }
        return locations
    }

    /// The plan the counting methods run for `query`.
    func plan(_ query: Query, options: CountOptions) throws(JiansuoError) -> QueryPlan {
        try plan(query, defaultOperator: options.defaultOperator, scope: options.scope, analyzer: analyzer())
    }

    /// The collection (see `CountGrouping.collection`) a document belongs to.
    public func collection(of path: String) throws(JiansuoError) -> String {
        Self.collection(of: path, below: try collectionRoot())
    }

    /// The longest folder, ending in `/`, that every live document's path starts with.
    func collectionRoot() throws(JiansuoError) -> String {
        var root: [UInt8]?
        for document in try documents() {
            let path = Array(document.path.utf8)
            guard let shared = root else {
                root = Array(path[..<(path.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0)])
                continue
            }
            var length = 0
            while length < shared.count, length < path.count, shared[length] == path[length] { length += 1 }
            root = Array(shared[..<length])
        }
        guard let root, let slash = root.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(decoding: root[...slash], as: UTF8.self)
    }

    static func collection(of path: String, below root: String) -> String {
        let rest = path.hasPrefix(root) ? path.dropFirst(root.count) : Substring(path)
        guard let slash = rest.firstIndex(of: "/") else { return "" }
        return String(rest[..<slash])
    }
}
