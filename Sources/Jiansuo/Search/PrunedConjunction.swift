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
    let years: ClosedRange<Int>?

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
            (required, optional, years) = ([term], [], nil)
        case .all(let requiredNodes, let excluded, let optionalNodes, let years):
            let terms = requiredNodes.compactMap(isTerm)
            let optional = optionalNodes.compactMap { node -> Int? in
                if case .leaf(let index) = node { return index }
                return nil
            }
            guard excluded.isEmpty, !terms.isEmpty, terms.count == requiredNodes.count,
                  optional.count == optionalNodes.count else { return nil }
            (self.required, self.optional, self.years) = (terms, optional, years)
        default:
            return nil
        }
    }

    /// Offers this segment's best matches to `collector`; returns how many passages match
    /// (exactly: matches are counted even where scoring is skipped).
    func collect(
        segment: SegmentReader, segmentIndex: Int, plan: QueryPlan, scoring: ScoringContext,
        yearFilter: ClosedRange<Int>?, isLive: (Int) -> Bool, into collector: inout TopKCollector
    ) throws(JiansuoError) -> Int {
        let columns = try segment.passageColumns()
        var cursors: [PostingsCursor] = []
        for leaf in required {
            guard case .term(let term) = plan.leaves[leaf].kind, let entry = try segment.lookup(Array(term.utf8)) else {
                return 0
            }
            cursors.append(try segment.postingsCursor(entry))
        }
        var probes: [LeafProbe] = []
        for leaf in optional { probes.append(try LeafProbe(leaf: leaf, plan: plan, segment: segment, scoring: scoring)) }
        let optionalBound = probes.reduce(0) { $0 + $1.bound }
        let weights = required.map { scoring.leafIDFs[$0] * plan.leaves[$0].weight }
        func score(_ index: Int, frequency: Int, length: Int) -> Double {
            scoring.bm25.termScore(idf: weights[index], frequency: frequency, length: length, averageLength: scoring.averageLength)
        }
        // Drive from the rarest word; the others are advanced to its candidates.
        let lead = cursors.indices.min { cursors[$0].passageFrequency < cursors[$1].passageFrequency } ?? 0
        var matches = 0
        var candidate = try cursors[lead].next()
        candidates: while candidate != PostingsCursor.end {
            if let threshold = collector.threshold {
                var bound = optionalBound
                for (index, cursor) in cursors.enumerated() {
                    guard try cursor.advanceShallow(to: candidate) else { break candidates }
                    bound += score(index, frequency: cursor.blockMaxFrequency, length: cursor.blockMinLength)
                }
                if Self.cannotBeat(bound, threshold) {
                    // Nothing up to the end of the first block to end can enter; but matches
                    // there still count, so count them without scoring.
                    let blockEnd = cursors.map(\.blockLastPassage).min() ?? candidate
                    matches += try countMatches(
                        cursors, lead: lead, from: candidate, through: blockEnd, columns, yearFilter, isLive)
                    candidate = try cursors[lead].advance(to: blockEnd + 1)
                    continue
                }
            }
            for (index, cursor) in cursors.enumerated() where index != lead {
                let found = try cursor.advance(to: candidate)
                if found == PostingsCursor.end { break candidates }
                if found > candidate {
                    candidate = try cursors[lead].advance(to: found)
                    continue candidates
                }
            }
            if isLive(candidate) && passes(candidate, columns, yearFilter) {
                matches += 1
                let length = columns.tokenCount(candidate)
                var total = 0.0
                for (index, cursor) in cursors.enumerated() {
                    total += score(index, frequency: cursor.frequency, length: length)
                }
                if let threshold = collector.threshold, Self.cannotBeat(total + optionalBound, threshold) {
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
        return matches
    }

    /// Whether a passage bounded by `bound` loses to the k-th score: it must beat it, as a
    /// later tie loses. The bound is widened a little so that rounding never prunes a
    /// passage whose exact score would enter.
    private static func cannotBeat(_ bound: Double, _ threshold: Double) -> Bool {
        bound * (1 + 1e-9) + 1e-12 <= threshold
    }

    private func passes(_ passage: Int, _ columns: PassageColumns, _ filter: ClosedRange<Int>?) -> Bool {
        for range in [years, filter] {
            guard let range else { continue }
            let year = Int(columns.year(passage))
            if year == 0 || !range.contains(year) { return false }
        }
        return true
    }

    /// Counts the passages in `start...end` holding every word (and passing the filters),
    /// leaving the lead cursor at or after `start`.
    private func countMatches(
        _ cursors: [PostingsCursor], lead: Int, from start: Int, through end: Int, _ columns: PassageColumns,
        _ yearFilter: ClosedRange<Int>?, _ isLive: (Int) -> Bool
    ) throws(JiansuoError) -> Int {
        var count = 0
        var candidate = try cursors[lead].advance(to: start)
        candidates: while candidate <= end {
            for (index, cursor) in cursors.enumerated() where index != lead {
                let found = try cursor.advance(to: candidate)
                if found > candidate {
                    if found == PostingsCursor.end { return count }
                    candidate = try cursors[lead].advance(to: found)
                    continue candidates
                }
            }
            if isLive(candidate) && passes(candidate, columns, yearFilter) { count += 1 }
            candidate = try cursors[lead].next()
        }
        return count
    }
}

/// An optional leaf probed one passage at a time: its frequency there, from cursors.
struct LeafProbe {
    let leaf: Int
    let kind: PlanLeaf.Kind
    /// One cursor per key, in the leaf's order (repeated keys share a cursor); empty when a
    /// key is absent from the segment, so the leaf matches nothing here (`SegmentReader.cursors`).
    let cursors: [PostingsCursor]
    /// The most the leaf can add to any passage's score.
    let bound: Double
    let weightedIDF: Double

    init(leaf: Int, plan: QueryPlan, segment: SegmentReader, scoring: ScoringContext) throws(JiansuoError) {
        self.leaf = leaf
        self.kind = plan.leaves[leaf].kind
        self.weightedIDF = scoring.leafIDFs[leaf] * plan.leaves[leaf].weight
        let keys: [[UInt8]]
        switch kind {
        case .term(let term): keys = [Array(term.utf8)]
        case .characters(let characters): keys = characters.map(CharacterTerms.key)
        case .wordPhrase(let terms), .near(let terms, _): keys = terms.map { Array($0.utf8) }
        }
        let cursors = try segment.cursors(for: keys) ?? []
        self.cursors = cursors
        // f·(k1+1)/(f + k1·norm) < k1 + 1 for any f and passage length.
        self.bound = cursors.isEmpty ? 0 : weightedIDF * (scoring.bm25.k1 + 1)
    }

    /// The leaf's score in `passage` (0 where it does not occur). Passages must be asked for
    /// in increasing order.
    func score(at passage: Int, length: Int, scoring: ScoringContext) throws(JiansuoError) -> Double {
        guard !cursors.isEmpty else { return 0 }
        for cursor in cursors where try cursor.advance(to: passage) != passage { return 0 }
        var positions: [ArraySlice<UInt32>] = []
        if cursors.count > 1 {
            for cursor in cursors { positions.append(ArraySlice(try cursor.positions())) }
        }
        let frequency: Int
        switch kind {
        case .term:
            frequency = cursors[0].frequency
        case .characters, .wordPhrase:
            frequency = cursors.count == 1 ? cursors[0].frequency : PositionalMatching.phraseCount(positions)
        case .near(let terms, let distance):
            frequency = PositionalMatching.nearCount(positions, span: terms.count - 1 + distance)
        }
        guard frequency > 0 else { return 0 }
        return scoring.bm25.termScore(
            idf: weightedIDF, frequency: frequency, length: length, averageLength: scoring.averageLength)
    }
}
