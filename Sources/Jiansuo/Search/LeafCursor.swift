/// One plan leaf in one segment — a word, a character phrase, a word phrase, a proximity
/// group — as postings cursors (one per key; a repeated key shares its cursor) walked
/// together, with the leaf's frequency and BM25 score in a passage. The one place that
/// knows what each kind of leaf counts: exhaustive evaluation walks every passage
/// (`next`), pruned evaluation probes candidates (`score(at:)`).
struct LeafCursor {
    let kind: PlanLeaf.Kind
    /// In the leaf's order; empty when a key is absent from the segment, so the leaf
    /// matches nothing here.
    private let cursors: [PostingsCursor]
    /// Idf times the leaf's weight.
    let weightedIDF: Double
    /// The most the leaf can add to any passage's score.
    let bound: Double
    private let lead: Int

    init(leaf: Int, plan: QueryPlan, segment: SegmentReader, scoring: ScoringContext) throws(JiansuoError) {
        self.kind = plan.leaves[leaf].kind
        self.weightedIDF = scoring.leafIDFs[leaf] * plan.leaves[leaf].weight
        let keys: [[UInt8]] = switch kind {
        case .term(let term): [Array(term.utf8)]
        case .characters(let characters): characters.map(CharacterTerms.key)
        case .wordPhrase(let terms), .near(let terms, _): terms.map { Array($0.utf8) }
        }
        self.cursors = try segment.cursors(for: keys) ?? []
        self.lead = Leapfrog.rarest(cursors)
        // f·(k1+1)/(f + k1·norm) < k1 + 1 for any f and passage length.
        self.bound = cursors.isEmpty ? 0 : weightedIDF * (scoring.bm25.k1 + 1)
    }

    /// The next passage holding every key (its frequency may still be 0: a phrase's words
    /// apart), or `PostingsCursor.end`.
    func next() throws(JiansuoError) -> Int {
        guard !cursors.isEmpty else { return PostingsCursor.end }
        return try Leapfrog.align(cursors, lead: lead, from: cursors[lead].next())
    }

    /// How often the leaf occurs in the passage every cursor stands at.
    func frequency() throws(JiansuoError) -> Int {
        switch kind {
        case .term:
            return cursors[0].frequency
        case .characters, .wordPhrase:
            return cursors.count == 1 ? cursors[0].frequency : PositionalMatching.phraseCount(try positions())
        case .near(let terms, let distance):
            return PositionalMatching.nearCount(try positions(), span: terms.count - 1 + distance)
        }
    }

    /// The leaf's score for `frequency` occurrences in a passage of `length` tokens.
    func score(frequency: Int, length: Int, scoring: ScoringContext) -> Double {
        scoring.bm25.termScore(idf: weightedIDF, frequency: frequency, length: length, averageLength: scoring.averageLength)
    }

    /// The leaf's score in `passage` (0 where it does not occur). Passages must be asked for
    /// in increasing order.
    func score(at passage: Int, length: Int, scoring: ScoringContext) throws(JiansuoError) -> Double {
        guard !cursors.isEmpty else { return 0 }
        for cursor in cursors where try cursor.advance(to: passage) != passage { return 0 }
        let frequency = try frequency()
        return frequency > 0 ? score(frequency: frequency, length: length, scoring: scoring) : 0
    }

    /// The current positions of each cursor, in the leaf's order, each decoded once.
    private func positions() throws(JiansuoError) -> [ArraySlice<UInt32>] {
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
}
