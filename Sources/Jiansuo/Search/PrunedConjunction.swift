/// Top-k search for the commonest query shape — required words, plus optional scoring
/// leaves (proximity pairs, character pairs) — without scoring every match.
///
/// Block-max pruning: before a candidate's blocks are decoded, the skip data bounds what
/// any passage in them can score (each word's largest frequency and shortest passage in
/// the block, plus the most the optional leaves can add); whole blocks that cannot beat the
/// k-th best score are skipped. A matching passage whose word scores plus that bound for
/// the optional leaves cannot beat it is not given the costly optional leaves at all —
/// their positions are read only for passages that may enter the top k. Scores are summed
/// in the order exhaustive evaluation uses, so the results are identical (tested).
struct PrunedConjunction: PrunedTopK {
    let required: [Int]
    let optional: [Int]
    let filter: PlanFilter?

    /// The shape this handles, or `nil`: one word, or `.all` of words with optional leaves
    /// and no exclusions.
    init?(_ plan: QueryPlan) {
        func isTerm(_ node: PlanNode) -> Int? {
            guard case .leaf(let index) = node, case .term = plan.leaves[index].kind else { return nil }
            return index
        }
        switch plan.root {
        case .leaf:
            guard let term = isTerm(plan.root) else { return nil }
            (required, optional, filter) = ([term], [], nil)
        case .all(let requiredNodes, let excluded, let optionalNodes, let filter):
            let terms = requiredNodes.compactMap(isTerm)
            let optional = optionalNodes.compactMap { node -> Int? in
                if case .leaf(let index) = node { return index }
                return nil
            }
            guard excluded.isEmpty, !terms.isEmpty, terms.count == requiredNodes.count,
                  optional.count == optionalNodes.count else { return nil }
            (self.required, self.optional, self.filter) = (terms, optional, filter)
        default:
            return nil
        }
    }

    func collect(
        segment: SegmentReader, segmentIndex: Int, query: PreparedQuery, countLimit: Int,
        into collector: inout TopKCollector
    ) throws(JiansuoError) -> (matches: Int, exact: Bool) {
        let plan = query.plan, scoring = query.scoring
        let filter = try query.passageFilter(segment: segmentIndex, segment, passing: self.filter)
        var cursors: [PostingsCursor] = []
        for leaf in required {
            guard case .term(let term) = plan.leaves[leaf].kind, let entry = try segment.lookup(Array(term.utf8)) else {
                return (0, true)
            }
            cursors.append(try segment.postingsCursor(entry))
        }
        var probes: [LeafCursor] = []
        for leaf in optional { probes.append(try LeafCursor(leaf: leaf, plan: plan, segment: segment, scoring: scoring)) }
        let optionalBound = probes.reduce(0) { $0 + $1.bound }
        let weights = required.map { scoring.leafIDFs[$0] * plan.leaves[$0].weight }
        func score(_ index: Int, frequency: Int, length: Int) -> Double {
            scoring.bm25.termScore(idf: weights[index], frequency: frequency, length: length, averageLength: scoring.averageLength)
        }
        // Drive from the rarest word; the others are advanced to its candidates.
        let lead = Leapfrog.rarest(cursors)
        var matches = 0, exact = true
        var candidate = try cursors[lead].next()
        candidates: while candidate != PostingsCursor.end {
            if collector.threshold != nil {
                var bound = optionalBound
                for (index, cursor) in cursors.enumerated() {
                    guard try cursor.advanceShallow(to: candidate) else { break candidates }
                    bound += score(index, frequency: cursor.blockMaxFrequency, length: cursor.blockMinLength)
                }
                if collector.rejects(bound: bound) {
                    // Nothing up to the end of the first block to end can enter; but matches
                    // there still count, so count them without scoring — until enough are.
                    let blockEnd = cursors.map(\.blockLastPassage).min() ?? candidate
                    if matches < countLimit {
                        matches += try countMatches(cursors, lead: lead, from: candidate, through: blockEnd, filter)
                    } else {
                        exact = false
                    }
                    candidate = try cursors[lead].advance(to: blockEnd + 1)
                    continue
                }
            }
            let (next, aligned) = try Leapfrog.step(cursors, lead: lead, at: candidate)
            guard aligned else {
                candidate = next
                continue
            }
            if filter.accepts(candidate) {
                matches += 1
                let length = filter.columns.tokenCount(candidate)
                var total = 0.0
                for (index, cursor) in cursors.enumerated() {
                    total += score(index, frequency: cursor.frequency, length: length)
                }
                if collector.rejects(bound: total + optionalBound) {
                    // Skipped: the optional leaves cannot lift it into the top k.
                } else {
                    for probe in probes {
                        total += try probe.score(at: candidate, length: length, scoring: scoring)
                    }
                    collector.offer(score: total, segment: segmentIndex, passage: candidate)
                }
            }
            candidate = try cursors[lead].next()
        }
        return (matches, exact)
    }

    /// Counts the passages in `start...end` holding every word and passing `filter`,
    /// leaving the lead cursor at or after `start`.
    private func countMatches(
        _ cursors: [PostingsCursor], lead: Int, from start: Int, through end: Int, _ filter: PassageFilter
    ) throws(JiansuoError) -> Int {
        var count = 0
        var candidate = try cursors[lead].advance(to: start)
        while candidate <= end {
            let (next, aligned) = try Leapfrog.step(cursors, lead: lead, at: candidate)
            guard aligned else {
                candidate = next
                continue
            }
            if filter.accepts(candidate) { count += 1 }
            candidate = try cursors[lead].next()
        }
        return count
    }
}
