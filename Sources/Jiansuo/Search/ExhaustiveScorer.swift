/// The passages of one segment that match a plan, in passage order, each with its score
/// and its number of occurrences (see `YearCount.occurrences`).
struct SegmentMatches {
    var passages: [Int32] = []
    var scores: [Double] = []
    var occurrences: [Int32] = []

    var count: Int { passages.count }

    mutating func append(_ passage: Int32, _ score: Double, _ occurrences: Int32) {
        passages.append(passage)
        scores.append(score)
        self.occurrences.append(occurrences)
    }
}

/// What scoring needs beyond the segment: BM25's parameters and the index-wide statistics.
struct ScoringContext: Sendable {
    var bm25: BM25
    var averageLength: Double
    /// Per plan leaf, its idf over the whole snapshot.
    var leafIDFs: [Double]
}

/// Evaluates a prepared query over one segment, every match scored: for counts and for the
/// shapes pruning does not handle. Every list is materialized in passage order; the
/// combinators merge them; what the whole query filters (deleted passages, `heading:`)
/// is left out at the end.
struct ExhaustiveScorer {
    let segment: SegmentReader
    let query: PreparedQuery
    let filter: PassageFilter
    var columns: PassageColumns { filter.columns }

    init(segment: SegmentReader, index: Int, query: PreparedQuery) throws(JiansuoError) {
        self.segment = segment
        self.query = query
        self.filter = try query.passageFilter(segment: index, segment)
    }

    /// The segment's matches that the whole query's filters let through.
    func evaluate() throws(JiansuoError) -> SegmentMatches {
        var cache: [Int: SegmentMatches] = [:]
        let matches = try evaluate(query.plan.root, cache: &cache)
        return filter.acceptsAll ? matches : Self.filter(matches) { filter.accepts(Int($0)) }
    }

    private func evaluate(_ node: PlanNode, cache: inout [Int: SegmentMatches]) throws(JiansuoError) -> SegmentMatches {
        switch node {
        case .nothing:
            return SegmentMatches()
        case .leaf(let index):
            if let cached = cache[index] { return cached }
            let matches = try leafMatches(index)
            cache[index] = matches
            return matches
        case .any(let children):
            var lists: [SegmentMatches] = []
            for child in children { lists.append(try evaluate(child, cache: &cache)) }
            return Self.union(lists)
        case .all(let required, let excluded, let optional, let filter):
            var result: SegmentMatches?
            for child in required {
                let matches = try evaluate(child, cache: &cache)
                result = result.map { Self.intersect($0, matches) } ?? matches
                if result?.count == 0 { return SegmentMatches() }
            }
            guard var matches = result else { return SegmentMatches() }
            for child in excluded {
                matches = Self.subtract(matches, try evaluate(child, cache: &cache))
            }
            if let condition = try query.condition(filter, segment: segment) {
                matches = Self.filter(matches) { condition.accepts(Int($0), columns) }
            }
            for child in optional {
                guard case .leaf(let leaf) = child else {
                    matches = Self.addScores(matches, from: try evaluate(child, cache: &cache))
                    continue
                }
                // An optional leaf only scores: look it up at the matches alone rather than
                // list its passages across the segment (a common character pair is in most).
                let cursor = try LeafCursor(leaf: leaf, plan: query.plan, segment: segment, scoring: query.scoring)
                for index in 0..<matches.count {
                    let passage = Int(matches.passages[index])
                    let score = try cursor.score(at: passage, length: columns.tokenCount(passage))
                    if score != 0 { matches.scores[index] += score }
                }
            }
            return matches
        }
    }

    /// The passages where leaf `index` occurs, scored.
    private func leafMatches(_ index: Int) throws(JiansuoError) -> SegmentMatches {
        let cursor = try LeafCursor(leaf: index, plan: query.plan, segment: segment, scoring: query.scoring)
        var matches = SegmentMatches()
        var passage = try cursor.next()
        while passage != PostingsCursor.end {
            let frequency = try cursor.frequency()
            if frequency > 0 {
                let score = cursor.score(frequency: frequency, length: columns.tokenCount(passage))
                matches.append(Int32(passage), score, Int32(clamping: frequency))
            }
            passage = try cursor.next()
        }
        return matches
    }

    private static func filter(_ matches: SegmentMatches, _ keep: (Int32) -> Bool) -> SegmentMatches {
        var result = SegmentMatches()
        for index in 0..<matches.count where keep(matches.passages[index]) {
            result.append(matches.passages[index], matches.scores[index], matches.occurrences[index])
        }
        return result
    }

    // MARK: Merging sorted lists

    /// Passages in both; scores add, occurrences are the smaller (complete matches).
    static func intersect(_ a: SegmentMatches, _ b: SegmentMatches) -> SegmentMatches {
        var result = SegmentMatches()
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a.passages[i] < b.passages[j] {
                i += 1
            } else if a.passages[i] > b.passages[j] {
                j += 1
            } else {
                result.append(a.passages[i], a.scores[i] + b.scores[j], min(a.occurrences[i], b.occurrences[j]))
                i += 1
                j += 1
            }
        }
        return result
    }

    /// Passages of `a` that are not in `b`.
    static func subtract(_ a: SegmentMatches, _ b: SegmentMatches) -> SegmentMatches {
        var result = SegmentMatches()
        var j = 0
        for i in 0..<a.count {
            while j < b.count && b.passages[j] < a.passages[i] { j += 1 }
            if j < b.count && b.passages[j] == a.passages[i] { continue }
            result.append(a.passages[i], a.scores[i], a.occurrences[i])
        }
        return result
    }

    /// `a` with the scores of `b` added where `b` matches too.
    static func addScores(_ a: SegmentMatches, from b: SegmentMatches) -> SegmentMatches {
        var result = a
        var j = 0
        for i in 0..<a.count {
            while j < b.count && b.passages[j] < a.passages[i] { j += 1 }
            if j < b.count && b.passages[j] == a.passages[i] { result.scores[i] += b.scores[j] }
        }
        return result
    }

    /// Passages in any list; scores and occurrences add up.
    static func union(_ lists: [SegmentMatches]) -> SegmentMatches {
        var result = SegmentMatches()
        var cursors = [Int](repeating: 0, count: lists.count)
        while true {
            var smallest: Int32?
            for (index, list) in lists.enumerated() where cursors[index] < list.count {
                let passage = list.passages[cursors[index]]
                if smallest.map({ passage < $0 }) ?? true { smallest = passage }
            }
            guard let passage = smallest else { return result }
            var score = 0.0
            var occurrences: Int32 = 0
            for (index, list) in lists.enumerated() where cursors[index] < list.count && list.passages[cursors[index]] == passage {
                score += list.scores[cursors[index]]
                occurrences = occurrences.addingReportingOverflow(list.occurrences[cursors[index]]).overflow
                    ? Int32.max : occurrences + list.occurrences[cursors[index]]
                cursors[index] += 1
            }
            result.append(passage, score, occurrences)
        }
    }
}
