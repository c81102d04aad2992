/// One plan leaf in one segment — a word, a character phrase, a word phrase, a proximity
/// group — as postings cursors (one per key; a repeated key shares its cursor) walked
/// together, with the leaf's frequency and BM25 score in a passage. The one place that
/// knows what each kind of leaf counts and what bounds its score: exhaustive evaluation
/// walks every passage (`next`), pruned evaluation leads with it or advances it to
/// candidates (`advance(to:)`, `blockBound(at:)`) and probes optional leaves (`score(at:)`).
final class LeafCursor: PassageCursor {
    let kind: PlanLeaf.Kind
    /// In the leaf's order; empty when a key is absent from the segment, so the leaf
    /// matches nothing here.
    private let cursors: BorrowedArray<PostingsCursor>
    /// Idf times the leaf's weight.
    let weightedIDF: Double
    /// From the scoring context, kept apart from its array of idfs: every score and bound
    /// would otherwise retain and release it.
    private let bm25: BM25
    private let averageLength: Double
    /// The most the leaf can add to any passage's score in the segment.
    let bound: Double
    private let lead: Int
    /// Whether every passage holding all the keys holds the leaf: one key, so no positions
    /// to compare.
    let matchesWhereAligned: Bool
    /// For a phrase of several keys.
    private let phrase: PhraseCounter?
    /// A proximity group, whose score is not bounded by its keys' frequencies.
    private let isProximity: Bool
    /// `blockBound`'s last answer: asked at `from`, holding to `end`; `bound` nil when the
    /// leaf occurs nowhere from `from` on. (Caches of one cursor on one thread: not checked
    /// for exclusive access at each use, as `PostingsCursor`'s state is not.)
    @exclusivity(unchecked) private var lastBlockBound: (from: Int, end: Int, bound: Double?) = (Int.max, Int.min, nil)
    /// Per key, the shallow block whose best score `impactBounds` holds (−1: none yet).
    @exclusivity(unchecked) private var impactBlocks: [Int]
    @exclusivity(unchecked) private var impactBounds: [Double]

    init(leaf: Int, plan: QueryPlan, segment: SegmentReader, scoring: ScoringContext) throws(JiansuoError) {
        self.kind = plan.leaves[leaf].kind
        self.weightedIDF = scoring.leafIDFs[leaf] * plan.leaves[leaf].weight
        var bm25 = scoring.bm25
        if let k1 = plan.leaves[leaf].k1 { bm25.k1 = k1 }
        self.bm25 = bm25
        self.averageLength = scoring.averageLength
        let keys: [(key: [UInt8], offset: Int)] = switch kind {
        case .term(let term): [(Array(term.utf8), 0)]
        case .characters(let characters): CharacterTerms.phraseKeys(characters)
        case .wordPhrase(let terms), .near(let terms, _): terms.enumerated().map { (Array($1.utf8), $0) }
        }
        let cursors = try segment.cursors(for: keys.map(\.key)) ?? []
        self.cursors = BorrowedArray(cursors)
        self.lead = Leapfrog.rarest(cursors)
        self.impactBlocks = Array(repeating: -1, count: cursors.count)
        self.impactBounds = Array(repeating: 0, count: cursors.count)
        self.matchesWhereAligned = cursors.count == 1
        if case .near = kind { self.isProximity = true } else { self.isProximity = false }
        switch kind {
        case .characters(let characters):
            // One pair of two like characters (代代) can overlap itself: counted by positions.
            let overlaps = characters.count == 2 && characters[0] == characters[1]
            self.phrase = cursors.count > 1 || overlaps
                ? PhraseCounter(self.cursors, offsets: keys.map(\.offset), length: characters.count) : nil
        case .wordPhrase(let terms):
            self.phrase = cursors.count > 1
                ? PhraseCounter(self.cursors, offsets: keys.map(\.offset), length: terms.count) : nil
        case .term, .near: self.phrase = nil
        }
        var bound = 0.0
        if !cursors.isEmpty {
            let frequency = cursors.map(\.maxFrequency).min() ?? 0, length = cursors.map(\.minLength).max() ?? 0
            bound = isProximity
                ? weightedIDF * (bm25.k1 + 1)
                : bm25.termScore(
                    idf: weightedIDF, frequency: frequency, length: length, averageLength: scoring.averageLength)
        }
        self.bound = bound
    }

    /// The most the leaf can score in a passage where every key occurs at most `frequency`
    /// times and that holds at least `length` tokens. A phrase occurs no more often than any
    /// of its keys (each occurrence takes its own position of each), in a passage holding
    /// them all; a proximity window can close on any key's position, so it is bounded by
    /// BM25's limit: f·(k1+1)/(f + k1·norm) < k1 + 1 for any f and length.
    private func bound(frequency: Int, length: Int) -> Double {
        if isProximity { return weightedIDF * (bm25.k1 + 1) }
        return bm25.termScore(idf: weightedIDF, frequency: frequency, length: length, averageLength: averageLength)
    }

    /// A bound on the leaf's score in the passage where every cursor stands, from the keys'
    /// frequencies there (no position read): the score itself for a single key.
    func boundHere(length: Int) -> Double {
        var frequency = Int.max
        for key in cursors.indices { frequency = min(frequency, cursors.read(key) { $0.frequency }) }
        return bound(frequency: frequency, length: length)
    }

    /// `boundHere` in `passage` (0 where a key is absent), the keys moved there. Passages
    /// must be asked for in increasing order.
    func bound(at passage: Int, length: Int) throws(JiansuoError) -> Double {
        try keysStand(at: passage) ? boundHere(length: length) : 0
    }

    /// Whether every key occurs in `passage`, each cursor moved there (forward only).
    private func keysStand(at passage: Int) throws(JiansuoError) -> Bool {
        guard !cursors.isEmpty else { return false }
        for key in cursors.indices where try cursors.call(key, { (cursor) throws(JiansuoError) in try cursor.advance(to: passage) }) != passage {
            return false
        }
        return true
    }

    /// The passage every cursor stands at after `next()` or `advance(to:)`; once any key's
    /// list has run out (where the others may still stand), `PostingsCursor.end`.
    var passage: Int {
        guard !cursors.isEmpty else { return PostingsCursor.end }
        for key in cursors.indices where cursors.read(key, { $0.passage }) == PostingsCursor.end {
            return PostingsCursor.end
        }
        return cursors.read(lead) { $0.passage }
    }

    /// The passages of the rarest key: no more hold the leaf.
    var passageFrequency: Int { cursors.isEmpty ? 0 : cursors.read(lead) { $0.passageFrequency } }

    /// The first passage ≥ `target` holding every key (as `next()`), or `PostingsCursor.end`.
    func advance(to target: Int) throws(JiansuoError) -> Int {
        guard !cursors.isEmpty else { return PostingsCursor.end }
        if cursors.count == 1 { return try cursors.call(0) { (cursor) throws(JiansuoError) in try cursor.advance(to: target) } }
        return try Leapfrog.align(cursors, lead: lead, from: cursors.call(lead) { (cursor) throws(JiansuoError) in try cursor.advance(to: target) })
    }

    /// A bound on the leaf's score in every passage from `target` to `end`, read from the
    /// skip data of each key's block there (nothing is decoded); `nil` when the leaf occurs
    /// nowhere from `target` on. A word's is its block's largest score (the best impact); a
    /// phrase scores no more than any of its keys in the same passage, so it takes the
    /// least of its keys' and of the score of their fewest occurrences in their longest
    /// shortest passage.
    func blockBound(at target: Int) throws(JiansuoError) -> (bound: Double, end: Int)? {
        // Targets only grow, and the last answer holds from where it was asked to its end.
        if target >= lastBlockBound.from && target <= lastBlockBound.end {
            return lastBlockBound.bound.map { ($0, lastBlockBound.end) }
        }
        let answer = try readBlockBound(at: target)
        lastBlockBound = (target, answer?.end ?? PostingsCursor.end, answer?.bound)
        return answer
    }

    private func readBlockBound(at target: Int) throws(JiansuoError) -> (bound: Double, end: Int)? {
        guard !cursors.isEmpty else { return nil }
        var frequency = Int.max, length = 0, end = Int.max
        for key in cursors.indices {
            let block = try cursors.call(key) { (cursor) throws(JiansuoError) -> (Int, Int, Int)? in
                guard try cursor.advanceShallow(to: target) else { return nil }
                return (cursor.blockMaxFrequency, cursor.blockMinLength, cursor.blockLastPassage)
            }
            guard let (blockFrequency, blockLength, blockEnd) = block else { return nil }
            frequency = min(frequency, blockFrequency)
            length = max(length, blockLength)
            end = min(end, blockEnd)
        }
        var bound = bound(frequency: frequency, length: length)
        if !isProximity {
            for key in cursors.indices { bound = min(bound, try impactBound(key)) }
        }
        return (bound, end)
    }

    /// The best score of key `key`'s shallow block, computed once per block.
    private func impactBound(_ key: Int) throws(JiansuoError) -> Double {
        let block = cursors.read(key) { $0.shallowBlock }
        if impactBlocks[key] == block { return impactBounds[key] }
        let (bm25, idf, averageLength) = (bm25, weightedIDF, averageLength)
        let bound = try cursors.call(key) { cursor throws(JiansuoError) in
            try cursor.maxOverBlockImpacts { frequency, length in
                bm25.termScore(idf: idf, frequency: frequency, length: length, averageLength: averageLength)
            }
        }
        impactBlocks[key] = block
        impactBounds[key] = bound
        return bound
    }

    /// The next passage holding every key (its frequency may still be 0: a phrase's words
    /// apart), or `PostingsCursor.end`.
    @discardableResult
    func next() throws(JiansuoError) -> Int {
        guard !cursors.isEmpty else { return PostingsCursor.end }
        if cursors.count == 1 { return try cursors.call(0) { (cursor) throws(JiansuoError) in try cursor.next() } }
        return try Leapfrog.align(cursors, lead: lead, from: cursors.call(lead) { (cursor) throws(JiansuoError) in try cursor.next() })
    }

    /// How often the leaf occurs in the passage every cursor stands at.
    func frequency() throws(JiansuoError) -> Int {
        if let phrase { return try phrase.count() }
        if isProximity, case .near(let terms, let distance) = kind {
            return PositionalMatching.nearCount(try positions(), span: terms.count - 1 + distance)
        }
        return cursors.read(0) { $0.frequency }
    }

    /// The leaf's score for `frequency` occurrences in a passage of `length` tokens.
    func score(frequency: Int, length: Int) -> Double {
        bm25.termScore(idf: weightedIDF, frequency: frequency, length: length, averageLength: averageLength)
    }

    /// The leaf's score in `passage` (0 where it does not occur). Passages must be asked for
    /// in increasing order.
    func score(at passage: Int, length: Int) throws(JiansuoError) -> Double {
        guard try keysStand(at: passage) else { return 0 }
        let frequency = try frequency()
        return frequency > 0 ? score(frequency: frequency, length: length) : 0
    }

    /// Whether the leaf occurs in `passage`, the keys moved there. Passages must be asked
    /// for in increasing order.
    func occurs(at passage: Int) throws(JiansuoError) -> Bool {
        guard try keysStand(at: passage) else { return false }
        return try occursHere()
    }

    /// Whether the leaf occurs in the passage where every key stands: always for one key,
    /// for a phrase only if its keys stand in a row.
    func occursHere() throws(JiansuoError) -> Bool {
        if matchesWhereAligned { return true }
        return try frequency() > 0
    }

    /// The current positions of each cursor, in the leaf's order, each decoded once (a
    /// repeated key's cursor appears again: a few keys, so a linear look back).
    private func positions() throws(JiansuoError) -> [ArraySlice<UInt32>] {
        var result: [ArraySlice<UInt32>] = []
        result.reserveCapacity(cursors.count)
        let cursors = cursors.elements
        for (index, cursor) in cursors.enumerated() {
            if let earlier = cursors[..<index].firstIndex(where: { $0 === cursor }) {
                result.append(result[earlier])
            } else {
                result.append(ArraySlice(try cursor.positions()))
            }
        }
        return result
    }
}
