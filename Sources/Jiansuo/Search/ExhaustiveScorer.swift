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

/// Evaluates a `QueryPlan` over one segment. Every list is materialized in passage order;
/// the combinators merge them.
struct ExhaustiveScorer {
    let segment: SegmentReader
    let plan: QueryPlan
    let scoring: ScoringContext
    let columns: PassageColumns

    init(segment: SegmentReader, plan: QueryPlan, scoring: ScoringContext) throws(JiansuoError) {
        self.segment = segment
        self.plan = plan
        self.scoring = scoring
        self.columns = try segment.passageColumns()
    }

    func evaluate() throws(JiansuoError) -> SegmentMatches {
        var cache: [Int: SegmentMatches] = [:]
        return try evaluate(plan.root, cache: &cache)
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
        case .all(let required, let excluded, let optional, let years):
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
            if let years {
                matches = filter(matches) { passage in
                    let year = Int(columns.year(Int(passage)))
                    return year != 0 && years.contains(year)
                }
            }
            for child in optional {
                guard case .leaf(let leaf) = child else {
                    matches = Self.addScores(matches, from: try evaluate(child, cache: &cache))
                    continue
                }
                // An optional leaf only scores: look it up at the matches alone rather than
                // list its passages across the segment (a common character pair is in most).
                let probe = try LeafProbe(leaf: leaf, plan: plan, segment: segment, scoring: scoring)
                for index in 0..<matches.count {
                    let passage = Int(matches.passages[index])
                    let score = try probe.score(at: passage, length: columns.tokenCount(passage), scoring: scoring)
                    if score != 0 { matches.scores[index] += score }
                }
            }
            return matches
        }
    }

    /// The passages where leaf `index` occurs, scored.
    private func leafMatches(_ index: Int) throws(JiansuoError) -> SegmentMatches {
        let occurrences: [PositionalMatching.Occurrence]
        switch plan.leaves[index].kind {
        case .term(let term):
            guard let cursors = try segment.cursors(for: [Array(term.utf8)]) else { return SegmentMatches() }
            occurrences = try Self.occurrences(cursors) { $0[0].frequency }
        case .characters(let characters):
            guard let cursors = try segment.cursors(for: characters.map(CharacterTerms.key)) else { return SegmentMatches() }
            occurrences = try Self.occurrences(cursors) { (cursors) throws(JiansuoError) in
                cursors.count == 1 ? cursors[0].frequency : PositionalMatching.phraseCount(try Self.positions(cursors))
            }
        case .wordPhrase(let terms):
            guard let cursors = try segment.cursors(for: terms.map { Array($0.utf8) }) else { return SegmentMatches() }
            occurrences = try Self.occurrences(cursors) { (cursors) throws(JiansuoError) in
                PositionalMatching.phraseCount(try Self.positions(cursors))
            }
        case .near(let terms, let distance):
            guard let cursors = try segment.cursors(for: terms.map { Array($0.utf8) }) else { return SegmentMatches() }
            occurrences = try Self.occurrences(cursors) { (cursors) throws(JiansuoError) in
                PositionalMatching.nearCount(try Self.positions(cursors), span: terms.count - 1 + distance)
            }
        }
        var matches = SegmentMatches()
        matches.passages.reserveCapacity(occurrences.count)
        let idf = scoring.leafIDFs[index] * plan.leaves[index].weight
        for (passage, frequency) in occurrences {
            let score = scoring.bm25.termScore(
                idf: idf, frequency: frequency, length: columns.tokenCount(Int(passage)),
                averageLength: scoring.averageLength)
            matches.append(Int32(passage), score, Int32(clamping: frequency))
        }
        return matches
    }

    /// The passages where every cursor has a posting, each with the frequency `count` finds
    /// there (kept where it is above 0). Driven by the rarest cursor, so positions are read
    /// only for passages holding every key.
    private static func occurrences(
        _ cursors: [PostingsCursor], _ count: ([PostingsCursor]) throws(JiansuoError) -> Int
    ) throws(JiansuoError) -> [PositionalMatching.Occurrence] {
        guard let driver = cursors.min(by: { $0.passageFrequency < $1.passageFrequency }) else { return [] }
        var result: [PositionalMatching.Occurrence] = []
        var passage = try driver.next()
        candidates: while passage != PostingsCursor.end {
            for cursor in cursors where cursor !== driver {
                let found = try cursor.advance(to: passage)
                if found > passage {
                    if found == PostingsCursor.end { break candidates }
                    passage = try driver.advance(to: found)
                    continue candidates
                }
            }
            let frequency = try count(cursors)
            if frequency > 0 { result.append((UInt32(passage), frequency)) }
            passage = try driver.next()
        }
        return result
    }

    /// The current positions of each cursor, in the leaf's order.
    private static func positions(_ cursors: [PostingsCursor]) throws(JiansuoError) -> [ArraySlice<UInt32>] {
        var decoded: [ObjectIdentifier: ArraySlice<UInt32>] = [:]
        var result: [ArraySlice<UInt32>] = []
        for cursor in cursors {
            if let known = decoded[ObjectIdentifier(cursor)] {
                result.append(known)
                continue
            }
            let positions = ArraySlice(try cursor.positions())
            decoded[ObjectIdentifier(cursor)] = positions
            result.append(positions)
        }
        return result
    }

    private func filter(_ matches: SegmentMatches, _ keep: (Int32) -> Bool) -> SegmentMatches {
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
