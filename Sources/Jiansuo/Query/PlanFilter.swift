/// What a passage must be to pass a conjunction's filters — of a year, of a collection, of
/// a source — combined by `OR` (`any`) and juxtaposition (`all`). Years are the passage's
/// own (a section under a year heading has that heading's year); collection and source are
/// its document's.
indirect enum PlanFilter: Sendable, Equatable {
    /// Passages of these years; a passage of unknown year passes no year filter.
    case years(ClosedRange<Int>)
    /// Documents of this collection (see `CountGrouping.collection`).
    case collection(String)
    /// Documents whose metadata sidecar names this source.
    case source(String)
    case any([PlanFilter])
    case all([PlanFilter])

    /// The filter a query node stands for; `nil` unless `node.isFilter`.
    init?(_ node: QueryNode) {
        switch node {
        case .years(let range): self = .years(range)
        case .collection(let name): self = .collection(name)
        case .source(let name): self = .source(name)
        case .or(let children):
            var alternatives: [PlanFilter] = []
            for child in children {
                guard let filter = PlanFilter(child) else { return nil }
                alternatives.append(filter)
            }
            self = .any(alternatives)
        case .words, .phrase, .near, .heading, .and, .not:
            return nil
        }
    }

    /// All of `filters` as one (`nil` for none); `contradictory` when they include year
    /// ranges that share no year, so nothing can pass.
    static func conjunction(_ filters: [PlanFilter]) -> (filter: PlanFilter?, contradictory: Bool) {
        // Plain year ranges intersect into one, so the shape stays simple for pruning.
        var years: ClosedRange<Int>?
        var others: [PlanFilter] = []
        for filter in filters {
            guard case .years(let range) = filter else {
                others.append(filter)
                continue
            }
            guard let current = years else {
                years = range
                continue
            }
            guard current.overlaps(range) else { return (nil, true) }
            years = max(current.lowerBound, range.lowerBound)...min(current.upperBound, range.upperBound)
        }
        let combined = (years.map { [PlanFilter.years($0)] } ?? []) + others
        return (combined.isEmpty ? nil : combined.count == 1 ? combined[0] : .all(combined), false)
    }

    /// Whether testing the filter needs the documents' collections or sources.
    var readsDocuments: Bool {
        switch self {
        case .years: false
        case .collection, .source: true
        case .any(let filters), .all(let filters): filters.contains(where: \.readsDocuments)
        }
    }

    /// The filter in words, for `QueryPlan.countedDescription`.
    var description: String {
        switch self {
        case .years(let range): range.lowerBound == range.upperBound ? "in \(range.lowerBound)" : "in \(range.lowerBound)–\(range.upperBound)"
        case .collection(let name): "in the collection \(name)"
        case .source(let name): "from the source \(name)"
        case .any(let filters): filters.map(\.description).joined(separator: " or ")
        case .all(let filters): filters.map(\.description).joined(separator: ", ")
        }
    }
}

extension PlanFilter {
    /// The filter a query method's options ask for: the years, collection and source given
    /// (`nil` ones ask nothing); `nil` when none is.
    static func scope(years: ClosedRange<Int>?, collection: String?, source: String?) -> PlanFilter? {
        let filters = [years.map(PlanFilter.years), collection.map(PlanFilter.collection), source.map(PlanFilter.source)]
            .compactMap { $0 }
        return filters.isEmpty ? nil : filters.count == 1 ? filters[0] : .all(filters)
    }
}

extension PlanNode {
    /// Whether a filter under this node names a collection or a source.
    var filtersReadDocuments: Bool {
        switch self {
        case .nothing, .leaf: false
        case .any(let children): children.contains(where: \.filtersReadDocuments)
        case .all(let required, let excluded, let optional, let filter):
            filter?.readsDocuments == true || (required + excluded + optional).contains(where: \.filtersReadDocuments)
        }
    }
}
