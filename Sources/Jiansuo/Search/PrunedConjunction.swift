/// Top-k search for the commonest query shape — required leaves (words, and the character
/// phrases of typed runs and quoted phrases), plus optional scoring leaves (the run's words,
/// proximity pairs, character pairs and characters) — without scoring every match.
///
/// Block-max pruning: before a candidate's blocks are decoded, the skip data bounds what
/// any passage in them can score (each required key's largest frequency and shortest
/// passage in the block, `LeafCursor.blockBound`, plus the optional leaves' bounds); whole ranges
/// that cannot beat the k-th best score are skipped, and their matches only counted while
/// the total is still exact (`countLimit`). A matching passage whose required scores plus
/// the optional leaves' bounds cannot beat it is not given the costly optional leaves at
/// all — their positions are read only for passages that may enter the top k. Scores are
/// summed in the order exhaustive evaluation uses, so the results are identical (tested).
struct PrunedConjunction: PrunedTopK {
    let required: [Int]
    /// Leaves a passage must not hold (`NOT`).
    let excluded: [Int]
    let optional: [Int]
    let filter: PlanFilter?

    /// The shape this handles, or `nil`: one leaf, or `.all` of leaves with optional and
    /// excluded leaves.
    init?(_ plan: QueryPlan) {
        func leaves(_ nodes: [PlanNode]) -> [Int]? {
            var indices: [Int] = []
            for node in nodes {
                guard case .leaf(let index) = node else { return nil }
                indices.append(index)
            }
            return indices
        }
        switch plan.root {
        case .leaf(let index):
            (required, excluded, optional, filter) = ([index], [], [], nil)
        case .all(let requiredNodes, let excludedNodes, let optionalNodes, let filter):
            // An excluded word brings its scoring leaves (character pairs), which decide nothing.
            let excludedLeaves = excludedNodes.map { node -> PlanNode in
                if case .all(let inner, let innerExcluded, _, nil) = node, inner.count == 1, innerExcluded.isEmpty {
                    return inner[0]
                }
                return node
            }
            guard !requiredNodes.isEmpty, let required = leaves(requiredNodes), let excluded = leaves(excludedLeaves),
                  let optional = leaves(optionalNodes) else { return nil }
            (self.required, self.excluded, self.optional, self.filter) = (required, excluded, optional, filter)
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
        // Constants, not variables, for everything the loop below calls into: a variable
        // that a local function captures lives in a box checked for exclusive access at
        // every use.
        func cursors(_ leaves: [Int]) throws(JiansuoError) -> BorrowedArray<LeafCursor> {
            BorrowedArray(try leaves.map { (leaf) throws(JiansuoError) in
                try LeafCursor(leaf: leaf, plan: plan, segment: segment, scoring: scoring)
            })
        }
        let leaves = try cursors(required)
        if leaves.elements.contains(where: { $0.passageFrequency == 0 }) { return (0, true) }
        let exclusions = try cursors(excluded)
        // The one test of which passages may be returned, exclusions included.
        func passes(_ passage: Int) throws(JiansuoError) -> Bool {
            guard filter.accepts(passage) else { return false }
            for index in exclusions.indices where try exclusions.call(index, { (leaf) throws(JiansuoError) in try leaf.occurs(at: passage) }) {
                return false
            }
            return true
        }
        let probes = try cursors(optional)
        let optionalBound = probes.elements.reduce(0) { $0 + $1.bound }
        var probeScores = [Double](repeating: 0, count: probes.count)
        let probeOrder = probes.indices.sorted { probes.elements[$0].bound > probes.elements[$1].bound }
        var probeBounds = probes.elements.map(\.bound)
        var suffixBounds = [Double](repeating: 0, count: probes.count + 1)
        Self.sumSuffixes(probeBounds, order: probeOrder, into: &suffixBounds)
        // With a phrase among the required leaves, a passage is first bounded by its keys'
        // frequencies; words alone are scored at once (their frequency is their score).
        let positional = leaves.elements.contains { !$0.matchesWhereAligned }
        // Drive from the rarest leaf; the others are advanced to its candidates.
        let lead = Leapfrog.rarest(leaves.elements)
        var matches = 0, exact = true
        var candidate = try leaves.call(lead) { (leaf) throws(JiansuoError) in try leaf.next() }
        candidates: while candidate != PostingsCursor.end {
            if collector.threshold != nil {
                var bound = 0.0, end = PostingsCursor.end
                for index in leaves.indices {
                    guard let block = try leaves.call(index, { (leaf) throws(JiansuoError) in try leaf.blockBound(at: candidate) }) else { break candidates }
                    bound += block.bound
                    end = min(end, block.end)
                }
                // The optional leaves by their bounds over the segment first: their blocks
                // cut the range short (a common character's blocks span a few hundred
                // passages), and skipping far is what saves most. Failing that, by their
                // blocks here, up to the first of those blocks to end.
                var rejected = collector.rejects(bound: bound + optionalBound)
                if !rejected && !probes.isEmpty {
                    var optional = 0.0
                    for index in probes.indices {
                        guard let block = try probes.call(index, { (leaf) throws(JiansuoError) in try leaf.blockBound(at: candidate) }) else { continue }
                        optional += block.bound
                        end = min(end, block.end)
                    }
                    rejected = collector.rejects(bound: bound + optional)
                }
                if rejected {
                    // Nothing up to the end of the first block to end can enter; but matches
                    // there still count, so count them without scoring — until enough are.
                    if matches < countLimit {
                        matches += try countMatches(leaves, lead: lead, from: candidate, through: end, passes)
                    } else {
                        exact = false
                    }
                    candidate = end == PostingsCursor.end ? end : try leaves.call(lead) { (leaf) throws(JiansuoError) in try leaf.advance(to: end + 1) }
                    continue
                }
            }
            let (next, aligned) = try Leapfrog.step(leaves, lead: lead, at: candidate)
            guard aligned else {
                candidate = next
                continue
            }
            if try passes(candidate) {
                let length = filter.columns.tokenCount(candidate)
                // Once scores are compared, the optional leaves are bounded by their blocks
                // here (skip data only; a word's block bound is its best score there).
                if !probes.isEmpty && collector.threshold != nil {
                    for index in probes.indices {
                        probeBounds[index] = try probes.call(index) { (leaf) throws(JiansuoError) in try leaf.blockBound(at: candidate)?.bound } ?? 0
                    }
                    Self.sumSuffixes(probeBounds, order: probeOrder, into: &suffixBounds)
                }
                // What the passage could score, from its keys' frequencies alone: a phrase's
                // positions are read only where it may enter the top k, or while counting.
                var bound = suffixBounds[0]
                if positional {
                    for index in leaves.indices { bound += leaves.read(index) { $0.boundHere(length: length) } }
                }
                if positional && collector.rejects(bound: bound) {
                    if matches < countLimit {
                        if try Self.occursInAll(leaves) { matches += 1 }
                    } else {
                        exact = false
                    }
                } else if let total = try Self.score(leaves, length: length) {
                    matches += 1
                    var total = total
                    if !collector.rejects(bound: total + suffixBounds[0]),
                       try scoreProbes(
                           probes, order: probeOrder, suffixBounds: suffixBounds, at: candidate, length: length,
                           above: total, collector, into: &probeScores) {
                        for score in probeScores { total += score }
                        collector.offer(score: total, segment: segmentIndex, passage: candidate)
                    }
                }
            }
            candidate = try leaves.call(lead) { (leaf) throws(JiansuoError) in try leaf.next() }
        }
        return (matches, exact)
    }

    /// `suffixBounds[r]`: the bounds of the optional leaves from rank r on (`probeOrder`).
    private static func sumSuffixes(_ bounds: [Double], order: [Int], into suffixBounds: inout [Double]) {
        for rank in order.indices.reversed() { suffixBounds[rank] = suffixBounds[rank + 1] + bounds[order[rank]] }
    }

    /// Scores the optional leaves in `passage` into `scores` (in plan order, as exhaustive
    /// evaluation adds them) unless the passage cannot enter the top k. The leaves are
    /// taken strongest first (`probeOrder`, with `suffixBounds[r]` the bounds of those from
    /// rank r on): once what is scored plus what the rest could add cannot beat the k-th
    /// score, the rest are not looked up; a positional leaf is first bounded by its keys'
    /// frequencies in the passage, its positions read only if it may still matter.
    /// Returns whether every score was computed.
    private func scoreProbes(
        _ probes: BorrowedArray<LeafCursor>, order probeOrder: [Int], suffixBounds: [Double], at passage: Int, length: Int,
        above required: Double, _ collector: TopKCollector, into scores: inout [Double]
    ) throws(JiansuoError) -> Bool {
        var partial = required
        for (rank, index) in probeOrder.enumerated() {
            if collector.rejects(bound: partial + suffixBounds[rank]) { return false }
            if !probes.read(index, { $0.matchesWhereAligned }) {
                let bound = try probes.call(index) { (leaf) throws(JiansuoError) in try leaf.bound(at: passage, length: length) }
                if collector.rejects(bound: partial + bound + suffixBounds[rank + 1]) { return false }
            }
            scores[index] = try probes.call(index) { (leaf) throws(JiansuoError) in try leaf.score(at: passage, length: length) }
            partial += scores[index]
        }
        return true
    }

    /// The leaves' scores summed in the passage where all stand, or `nil` if one does not
    /// occur there (a phrase whose keys stand apart).
    private static func score(_ leaves: BorrowedArray<LeafCursor>, length: Int) throws(JiansuoError) -> Double? {
        var total = 0.0
        for index in leaves.indices {
            let score = try leaves.call(index) { (leaf) throws(JiansuoError) -> Double? in
                let frequency = try leaf.frequency()
                return frequency > 0 ? leaf.score(frequency: frequency, length: length) : nil
            }
            guard let score else { return nil }
            total += score
        }
        return total
    }

    /// Whether every leaf occurs in the passage where all stand.
    private static func occursInAll(_ leaves: BorrowedArray<LeafCursor>) throws(JiansuoError) -> Bool {
        for index in leaves.indices where try !leaves.call(index, { (leaf) throws(JiansuoError) in try leaf.occursHere() }) { return false }
        return true
    }

    /// Counts the passages in `start...end` holding every leaf and passing `passes`,
    /// leaving the lead at or after `start`.
    private func countMatches(
        _ leaves: BorrowedArray<LeafCursor>, lead: Int, from start: Int, through end: Int,
        _ passes: (Int) throws(JiansuoError) -> Bool
    ) throws(JiansuoError) -> Int {
        var count = 0
        var candidate = try leaves.call(lead) { (leaf) throws(JiansuoError) in try leaf.advance(to: start) }
        while candidate != PostingsCursor.end && candidate <= end {
            let (next, aligned) = try Leapfrog.step(leaves, lead: lead, at: candidate)
            guard aligned else {
                candidate = next
                continue
            }
            if try passes(candidate), try Self.occursInAll(leaves) { count += 1 }
            candidate = try leaves.call(lead) { (leaf) throws(JiansuoError) in try leaf.next() }
        }
        return count
    }
}
