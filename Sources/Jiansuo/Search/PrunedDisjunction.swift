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
        // Per alternative: its leaf's cursor, whether the leaf occurs here, its probes (a
        // range of `probes`: one flat array, read without retains) and its bound.
        var leafCursors: [LeafCursor] = [], probeCursors: [LeafCursor] = []
        var present: [Bool] = [], probeRanges: [Range<Int>] = [], bounds: [Double] = []
        for alternative in alternatives {
            let cursor = try LeafCursor(leaf: alternative.leaf, plan: plan, segment: segment, scoring: scoring)
            let first = probeCursors.count
            if cursor.passageFrequency > 0 {
                for leaf in alternative.optional {
                    probeCursors.append(try LeafCursor(leaf: leaf, plan: plan, segment: segment, scoring: scoring))
                }
                try cursor.next()
            }
            leafCursors.append(cursor)
            present.append(cursor.passageFrequency > 0)
            probeRanges.append(first..<probeCursors.count)
            bounds.append(cursor.passageFrequency > 0 ? cursor.bound + probeCursors[first...].reduce(0) { $0 + $1.bound } : 0)
        }
        let cursors = BorrowedArray(leafCursors), probes = BorrowedArray(probeCursors)
        let sharedProbes = BorrowedArray(try shared.map { (leaf) throws(JiansuoError) in
            try LeafCursor(leaf: leaf, plan: plan, segment: segment, scoring: scoring)
        })
        let sharedBound = sharedProbes.elements.reduce(0) { $0 + $1.bound }
        let counted = try countMatches(segment, plan, scoring, passes, upTo: countLimit)
        // Weakest first: the non-essential alternatives are a prefix of this order.
        let order = alternatives.indices.filter { present[$0] }.sorted { bounds[$0] < bounds[$1] }
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
            for index in order[essential...] { candidate = min(candidate, cursors.read(index) { $0.passage }) }
            guard candidate != PostingsCursor.end else { break }
            // Block-max: if what the essential alternatives' blocks here can add (skip data
            // only) cannot lift a passage, skip them all to the first of those blocks' ends.
            var sharedHere = sharedBound
            if collector.threshold != nil {
                sharedHere = 0
                sharedHere = try blockBound(of: sharedProbes, sharedProbes.indices, at: candidate)
                var bound = prefixBounds[essential] + sharedHere, end = PostingsCursor.end
                for index in order[essential...] {
                    guard let block = try cursors.call(index, { (cursor) throws(JiansuoError) in
                        try cursor.blockBound(at: candidate)
                    }) else { continue }
                    bound += block.bound
                    end = min(end, block.end)
                    for probe in probeRanges[index] {
                        guard let probeBlock = try probes.call(probe, { (leaf) throws(JiansuoError) in
                            try leaf.blockBound(at: candidate)
                        }) else { continue }
                        bound += probeBlock.bound
                        end = min(end, probeBlock.end)
                    }
                }
                if collector.rejects(bound: bound) {
                    guard end != PostingsCursor.end else { break }
                    for index in order[essential...] {
                        _ = try cursors.call(index) { (cursor) throws(JiansuoError) in try cursor.advance(to: end + 1) }
                    }
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
                for index in order[essential...] where cursors.read(index, { $0.passage }) == candidate {
                    guard let score = try leafScore(index, cursors, length) else { continue }
                    scores[index] = score
                    partial += score
                    probeBounds[index] = try blockBound(of: probes, probeRanges[index], at: candidate)
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
                    if try cursors.call(index, { (cursor) throws(JiansuoError) in try cursor.advance(to: candidate) }) == candidate,
                       let score = try leafScore(index, cursors, length) {
                        scores[index] = score
                        partial += score
                        probeBounds[index] = try blockBound(of: probes, probeRanges[index], at: candidate)
                        probesBound += probeBounds[index]
                    }
                }
                // Then the optional leaves (positions of character pairs, as often as not),
                // alternative by alternative while the passage may still enter.
                for index in scores.indices where alive && !probeRanges[index].isEmpty {
                    guard let leafScore = scores[index] else { continue }
                    var score = leafScore
                    for probe in probeRanges[index] {
                        score += try probes.call(probe) { (leaf) throws(JiansuoError) in
                            try leaf.score(at: candidate, length: length)
                        }
                    }
                    partial += score - leafScore
                    probesBound -= probeBounds[index]
                    scores[index] = score
                    alive = !collector.rejects(bound: partial + probesBound + sharedHere)
                }
                if alive, scores.contains(where: { $0 != nil }) {
                    // Summed in plan order, as the exhaustive union sums.
                    var total = 0.0
                    for score in scores { if let score { total += score } }
                    if sharedProbes.isEmpty || !collector.rejects(bound: total + sharedHere) {
                        for probe in sharedProbes.indices {
                            total += try sharedProbes.call(probe) { (leaf) throws(JiansuoError) in
                                try leaf.score(at: candidate, length: length)
                            }
                        }
                        collector.offer(score: total, segment: segmentIndex, passage: candidate)
                    }
                }
            }
            for index in order[essential...] where cursors.read(index, { $0.passage }) == candidate {
                _ = try cursors.call(index) { (cursor) throws(JiansuoError) in try cursor.next() }
            }
        }
        return counted
    }

    /// What the probes in `range` can add to any passage from `passage` to the end of their
    /// blocks there.
    private func blockBound(
        of probes: BorrowedArray<LeafCursor>, _ range: Range<Int>, at passage: Int
    ) throws(JiansuoError) -> Double {
        var bound = 0.0
        for probe in range {
            bound += try probes.call(probe) { (leaf) throws(JiansuoError) in try leaf.blockBound(at: passage)?.bound } ?? 0
        }
        return bound
    }

    /// The score of alternative `index`'s leaf alone where its keys all stand, or `nil`.
    private func leafScore(_ index: Int, _ cursors: BorrowedArray<LeafCursor>, _ length: Int) throws(JiansuoError) -> Double? {
        try cursors.call(index) { (cursor) throws(JiansuoError) -> Double? in
            let frequency = try cursor.frequency()
            return frequency > 0 ? cursor.score(frequency: frequency, length: length) : nil
        }
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
