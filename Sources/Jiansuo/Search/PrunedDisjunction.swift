/// Top-k search for `a OR b OR …` — each alternative a leaf (a word, a quoted phrase, a
/// typed run of characters), alone or with the optional scoring leaves a typed word brings
/// (its words, character pairs), perhaps with optional leaves of the whole (the pairs of
/// words ORed by `--operator any`) — by MaxScore.
///
/// Each alternative has an upper bound on what it can add to a passage's score (its leaf's
/// bound over the segment, plus the bounds of its optional leaves). Sorted by bound, the
/// weakest alternatives whose bounds together cannot beat the k-th best score are
/// non-essential: a passage holding only them cannot enter the top k, so candidates come
/// from the essential alternatives alone, and the others are looked up only while the
/// passage can still make it. Before a candidate is scored, the essential alternatives'
/// blocks there bound it (block-max MaxScore, as Lucene's): a range none of whose passages
/// could enter is skipped undecoded. Scores are summed in the order exhaustive evaluation sums
/// them, so the results are identical (tested).
struct PrunedDisjunction: PrunedTopK {
    struct Alternative {
        var leaf: Int
        var optional: [Int]
    }

    let alternatives: [Alternative]
    /// Optional leaves of the whole disjunction (the proximity and character pairs of words
    /// ORed by `--operator any`): they score in every passage that matches.
    let shared: [Int]
    let filter: PlanFilter?

    /// The shape this handles, or `nil`: `.any` of leaves, each alone or with optional
    /// leaves, perhaps filtered.
    init?(_ plan: QueryPlan) {
        let children: [PlanNode]
        var shared: [Int] = []
        switch plan.root {
        case .any(let alternatives):
            (children, filter) = (alternatives, nil)
        case .all(let required, let excluded, let optional, let filter) where excluded.isEmpty:
            guard required.count == 1, case .any(let alternatives) = required[0] else { return nil }
            for node in optional {
                guard case .leaf(let leaf) = node else { return nil }
                shared.append(leaf)
            }
            (children, self.filter) = (alternatives, filter)
        default:
            return nil
        }
        self.shared = shared
        var alternatives: [Alternative] = []
        for child in children {
            switch child {
            case .leaf(let index):
                alternatives.append(Alternative(leaf: index, optional: []))
            case .all(let required, let excluded, let optional, nil) where excluded.isEmpty && required.count == 1:
                guard case .leaf(let index) = required[0] else { return nil }
                var leaves: [Int] = []
                for node in optional {
                    guard case .leaf(let leaf) = node else { return nil }
                    leaves.append(leaf)
                }
                alternatives.append(Alternative(leaf: index, optional: leaves))
            default:
                return nil
            }
        }
        // A long question ORed word by word (evaluation's form) brings dozens of shared
        // leaves whose blocks would be read at every candidate: on CMRC2018's questions
        // (a small index, top 100) exhaustive scoring was twice as fast (docs/BENCHMARKS.md).
        guard shared.isEmpty || alternatives.count <= Self.alternativesWithSharedLeaves else { return nil }
        self.alternatives = alternatives
    }

    /// The most alternatives taken with optional leaves of the whole query.
    static let alternativesWithSharedLeaves = 8

    func collect(
        segment: SegmentReader, segmentIndex: Int, query: PreparedQuery, countLimit: Int,
        into collector: inout TopKCollector
    ) throws(JiansuoError) -> (matches: Int, exact: Bool) {
        let plan = query.plan, scoring = query.scoring
        let filter = try query.passageFilter(segment: segmentIndex, segment, passing: self.filter)
        let passes = filter.accepts
        // Per alternative: its leaf's cursor (nil when absent here), probes, and bound.
        var cursors: [LeafCursor?] = []
        var probes: [[LeafCursor]] = []
        var bounds: [Double] = []
        for alternative in alternatives {
            let cursor = try LeafCursor(leaf: alternative.leaf, plan: plan, segment: segment, scoring: scoring)
            guard cursor.passageFrequency > 0 else {
                cursors.append(nil)
                probes.append([])
                bounds.append(0)
                continue
            }
            var leafProbes: [LeafCursor] = []
            for leaf in alternative.optional {
                leafProbes.append(try LeafCursor(leaf: leaf, plan: plan, segment: segment, scoring: scoring))
            }
            cursors.append(cursor)
            probes.append(leafProbes)
            bounds.append(cursor.bound + leafProbes.reduce(0) { $0 + $1.bound })
            try cursor.next()
        }
        let sharedProbes = try shared.map { (leaf) throws(JiansuoError) in
            try LeafCursor(leaf: leaf, plan: plan, segment: segment, scoring: scoring)
        }
        let sharedBound = sharedProbes.reduce(0) { $0 + $1.bound }
        let counted = try countMatches(segment, plan, scoring, passes, upTo: countLimit)
        // Weakest first: the non-essential alternatives are a prefix of this order.
        let order = alternatives.indices.filter { cursors[$0] != nil }.sorted { bounds[$0] < bounds[$1] }
        var prefixBounds = [0.0]
        for index in order { prefixBounds.append(prefixBounds[prefixBounds.count - 1] + bounds[index]) }
        var scores = [Double?](repeating: nil, count: alternatives.count)
        // Per alternative, its optional leaves' block bounds at the candidate.
        var probeBounds = [Double](repeating: 0, count: alternatives.count)
        while true {
            var essential = 0
            while essential < order.count && collector.rejects(bound: prefixBounds[essential + 1] + sharedBound) {
                essential += 1
            }
            guard essential < order.count else { break }
            var candidate = PostingsCursor.end
            for index in order[essential...] { candidate = min(candidate, cursors[index]?.passage ?? PostingsCursor.end) }
            guard candidate != PostingsCursor.end else { break }
            // Block-max: if what the essential alternatives' blocks here can add (skip data
            // only) cannot lift a passage, skip them all to the first of those blocks' ends.
            var sharedHere = sharedBound
            if collector.threshold != nil {
                sharedHere = 0
                for probe in sharedProbes { sharedHere += try probe.blockBound(at: candidate)?.bound ?? 0 }
                var bound = prefixBounds[essential] + sharedHere, end = PostingsCursor.end
                for index in order[essential...] {
                    guard let cursor = cursors[index], let block = try cursor.blockBound(at: candidate) else { continue }
                    bound += block.bound
                    end = min(end, block.end)
                    for probe in probes[index] {
                        guard let probeBlock = try probe.blockBound(at: candidate) else { continue }
                        bound += probeBlock.bound
                        end = min(end, probeBlock.end)
                    }
                }
                if collector.rejects(bound: bound) {
                    guard end != PostingsCursor.end else { break }
                    for index in order[essential...] { try cursors[index]?.advance(to: end + 1) }
                    continue
                }
            }
            if passes(candidate) {
                let length = filter.columns.tokenCount(candidate)
                for index in scores.indices { scores[index] = nil }
                // Every alternative's leaf first, the essential ones' then the others' strongest
                // first, with the optional leaves bounded by their blocks here: a passage holding
                // only the commonest word usually fails before any position is read.
                var partial = 0.0, probesBound = 0.0
                for index in order[essential...] where cursors[index]?.passage == candidate {
                    guard let score = try leafScore(index, cursors, length) else { continue }
                    scores[index] = score
                    partial += score
                    probeBounds[index] = try blockBound(of: probes[index], at: candidate)
                    probesBound += probeBounds[index]
                }
                var alive = true
                for position in stride(from: essential, through: 0, by: -1) {
                    if collector.rejects(bound: partial + probesBound + prefixBounds[position] + sharedHere) {
                        alive = false
                        break
                    }
                    guard position > 0 else { break }
                    let index = order[position - 1]
                    if let cursor = cursors[index], try cursor.advance(to: candidate) == candidate,
                       let score = try leafScore(index, cursors, length) {
                        scores[index] = score
                        partial += score
                        probeBounds[index] = try blockBound(of: probes[index], at: candidate)
                        probesBound += probeBounds[index]
                    }
                }
                // Then the optional leaves (positions of character pairs, as often as not),
                // alternative by alternative while the passage may still enter.
                for index in scores.indices where alive && scores[index] != nil && !probes[index].isEmpty {
                    var score = scores[index] ?? 0
                    for probe in probes[index] { score += try probe.score(at: candidate, length: length) }
                    partial += score - (scores[index] ?? 0)
                    probesBound -= probeBounds[index]
                    scores[index] = score
                    alive = !collector.rejects(bound: partial + probesBound + sharedHere)
                }
                if alive, scores.contains(where: { $0 != nil }) {
                    // Summed in plan order, as the exhaustive union sums.
                    var total = 0.0
                    for score in scores { if let score { total += score } }
                    if sharedProbes.isEmpty || !collector.rejects(bound: total + sharedHere) {
                        for probe in sharedProbes { total += try probe.score(at: candidate, length: length) }
                        collector.offer(score: total, segment: segmentIndex, passage: candidate)
                    }
                }
            }
            for index in order[essential...] where cursors[index]?.passage == candidate { try cursors[index]?.next() }
        }
        return counted
    }

    /// What `probes` can add to any passage from `passage` to the end of their blocks there.
    private func blockBound(of probes: [LeafCursor], at passage: Int) throws(JiansuoError) -> Double {
        var bound = 0.0
        for probe in probes { bound += try probe.blockBound(at: passage)?.bound ?? 0 }
        return bound
    }

    /// The score of alternative `index`'s leaf alone where its keys all stand, or `nil`.
    private func leafScore(_ index: Int, _ cursors: [LeafCursor?], _ length: Int) throws(JiansuoError) -> Double? {
        guard let cursor = cursors[index] else { return nil }
        let frequency = try cursor.frequency()
        return frequency > 0 ? cursor.score(frequency: frequency, length: length) : nil
    }

    /// How many passages hold any alternative's leaf: a merge of the lists, without scoring,
    /// stopped (`exact` false) once `limit` are counted.
    private func countMatches(
        _ segment: SegmentReader, _ plan: QueryPlan, _ scoring: ScoringContext, _ passes: (Int) -> Bool,
        upTo limit: Int
    ) throws(JiansuoError) -> (matches: Int, exact: Bool) {
        var cursors: [LeafCursor] = []
        for alternative in alternatives {
            let cursor = try LeafCursor(leaf: alternative.leaf, plan: plan, segment: segment, scoring: scoring)
            guard cursor.passageFrequency > 0 else { continue }
            try cursor.next()
            cursors.append(cursor)
        }
        var count = 0
        while let passage = cursors.map(\.passage).min(), passage != PostingsCursor.end {
            if count >= limit { return (count, false) }
            if passes(passage) {
                for cursor in cursors where cursor.passage == passage {
                    guard try cursor.occursHere() else { continue }
                    count += 1
                    break
                }
            }
            for cursor in cursors where cursor.passage == passage { try cursor.next() }
        }
        return (count, true)
    }
}
