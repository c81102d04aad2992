/// Something a query looks up in the index: it has postings, a frequency in each passage
/// where it occurs, and a BM25 score there.
struct PlanLeaf: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A word.
        case term(String)
        /// Consecutive characters of the character field: an exact phrase.
        case characters([UInt32])
        /// Words side by side, in order (word positions).
        case wordPhrase([String])
        /// Words within `distance` words of standing side by side, in any order.
        case near([String], distance: Int)
    }

    var kind: Kind
    /// The words whose idfs, summed, weigh the leaf's score (a phrase scores as one term);
    /// `nil` for a character pair, weighed by its characters (see `Searcher`).
    var idfTerms: [String]?
    /// Whether matches of the leaf are highlighted (not for excluded leaves).
    var highlighted: Bool
    /// Multiplies the leaf's score: evidence that overlaps other leaves counts for less.
    var weight = 1.0
    /// The leaf's own BM25 k1 in place of the query's, for evidence whose repetition says
    /// little: a proximity pair (`QueryPlan.proximityK1`).
    var k1: Double? = nil
}

/// How leaves combine.
indirect enum PlanNode: Sendable {
    case leaf(Int)
    /// Passages matching every `required` node, none of `excluded`, and passing `filter`;
    /// `optional` nodes only add to the score where they match.
    case all(required: [PlanNode], excluded: [PlanNode], optional: [PlanNode], filter: PlanFilter?)
    /// Passages matching any node; scores add up.
    case any([PlanNode])
    /// Matches nothing (contradictory year filters).
    case nothing
}

/// A query analyzed for execution: its tree over leaves, with words analyzed exactly as
/// documents are.
struct QueryPlan: Sendable {
    private(set) var leaves: [PlanLeaf] = []
    private(set) var root: PlanNode = .nothing
    /// Scores adjacent query words standing together (see `SearchOptions.proximity`).
    let proximity: Bool
    /// Scores adjacent Han characters of the query standing together (see
    /// `SearchOptions.characterBigrams`).
    let characterBigrams: Bool
    /// Scores each Han character of the query found in the passage (see
    /// `SearchOptions.characters`).
    let characters: Bool
    /// Question words do not score (see `SearchOptions.questionWordsScore`).
    let questionWordsScore: Bool
    let defaultOperator: DefaultOperator
    /// `heading:` filters of the whole query: a passage must stand under headings holding
    /// each (see `Searcher.headingFilter`).
    private(set) var headings: [String] = []

    init(
        _ query: Query, analyzer: Analyzer, defaultOperator: DefaultOperator = .all, proximity: Bool = false,
        characterBigrams: Bool = false, characters: Bool = false, questionWordsScore: Bool = true
    ) throws(JiansuoError) {
        self.proximity = proximity
        self.characterBigrams = characterBigrams
        self.characters = characters
        self.questionWordsScore = questionWordsScore
        self.defaultOperator = defaultOperator
        let topLevel: [QueryNode] = if case .and(let children) = query.root { children } else { [query.root] }
        for case .heading(let text) in topLevel { headings.append(text) }
        guard headings.count == Self.headingCount(query.root) else {
            throw .malformedQuery(
                query: query.description, position: 0,
                reason: "heading: filters the whole query; it cannot stand inside OR, NOT or parentheses")
        }
        guard let root = try plan(query.root, analyzer: analyzer, highlighted: true) else {
            throw .malformedQuery(
                query: query.description, position: 0,
                reason: "the query has no searchable words (spaces, punctuation, emoji and other symbols are not indexed)")
        }
        self.root = root
    }

    /// A plan of the given leaves, all required: for tests and oracles.
    init(requiring leaves: [PlanLeaf]) {
        self.proximity = false
        self.characterBigrams = false
        self.characters = false
        self.questionWordsScore = true
        self.defaultOperator = .all
        self.leaves = leaves
        self.root = .all(required: leaves.indices.map { .leaf($0) }, excluded: [], optional: [], filter: nil)
    }

    /// Narrows the plan to passages that also pass `filter` (the years, collection or
    /// source a method's options name), joining the root's own filter where it has one.
    mutating func restrict(to filter: PlanFilter) {
        switch root {
        case .nothing:
            return
        case .all(let required, let excluded, let optional, let current):
            let combined = PlanFilter.conjunction((current.map { [$0] } ?? []) + [filter])
            root = combined.contradictory
                ? .nothing : .all(required: required, excluded: excluded, optional: optional, filter: combined.filter)
        case .leaf, .any:
            root = .all(required: [root], excluded: [], optional: [], filter: filter)
        }
    }

    private mutating func leaf(
        _ kind: PlanLeaf.Kind, idfTerms: [String]?, highlighted: Bool, weight: Double = 1, k1: Double? = nil
    ) -> PlanNode {
        let leaf = PlanLeaf(kind: kind, idfTerms: idfTerms, highlighted: highlighted, weight: weight, k1: k1)
        if let existing = leaves.firstIndex(of: leaf) { return .leaf(existing) }
        leaves.append(leaf)
        return .leaf(leaves.count - 1)
    }

    private static func headingCount(_ node: QueryNode) -> Int {
        switch node {
        case .heading: 1
        case .and(let children), .or(let children): children.reduce(0) { $0 + headingCount($1) }
        case .not(let child): headingCount(child)
        case .words, .phrase, .near, .years, .collection, .source: 0
        }
    }

    /// Character pairs overlap the words they lie in; measured on ../shared/eval (docs/QUALITY.md).
    static let characterBigramWeight = 0.3
    /// Single characters overlap words and pairs both; measured likewise.
    static let characterWeight = 0.2
    /// A proximity pair's k1: that two words stand together once says most of what it can,
    /// so its score saturates sooner than a word's (k1 1.8). Measured on ../shared/eval
    /// (docs/QUALITY.md, round five).
    static let proximityK1 = 0.4

    /// Words that ask rather than say (folded, as the analyzer gives them). Passages rarely
    /// hold them, so their idf is high, yet they say nothing of the answer.
    static let questionWords: Set<String> = [
        "什么", "什么时候", "是什么", "为什么", "为何", "是否", "多少", "多久", "多大", "多长", "几", "几个",
        "哪", "哪一", "哪个", "哪些", "哪里", "哪位", "哪种", "哪年", "如何", "怎样", "怎么", "谁", "何", "何时",
        "何种", "甚", "么", "吗", "呢",
    ]

    /// The weight of the word `term` typed in a query.
    private func weight(of term: String) -> Double {
        !questionWordsScore && Self.questionWords.contains(term) ? 0 : 1
    }

    private static func isHan(_ scalar: UInt32) -> Bool {
        (0x3400...0x9FFF).contains(scalar) || (0x20000...0x3FFFF).contains(scalar)
    }

    /// The runs of consecutive Han characters in `text` that hold more than one of its
    /// tokens: their bytes and the tokens lying in them.
    static func hanRuns(of tokens: [Token], in text: String) -> [(bytes: Range<Int>, tokens: Range<Int>)] {
        var runs: [Range<Int>] = []
        var offset = 0, start: Int?
        for scalar in text.unicodeScalars {
            if isHan(scalar.value) {
                if start == nil { start = offset }
            } else if let runStart = start {
                runs.append(runStart..<offset)
                start = nil
            }
            offset += UTF8.width(scalar)
        }
        if let start { runs.append(start..<offset) }
        return runs.compactMap { run in
            guard let first = tokens.firstIndex(where: { run.contains($0.byteRange.lowerBound) }) else { return nil }
            let end = tokens[first...].firstIndex { !(run.lowerBound..<run.upperBound).contains($0.byteRange.lowerBound) || $0.byteRange.upperBound > run.upperBound } ?? tokens.endIndex
            guard end - first > 1, tokens[first].byteRange.lowerBound >= run.lowerBound else { return nil }
            return (tokens[first].byteRange.lowerBound..<tokens[end - 1].byteRange.upperBound, first..<end)
        }
    }

    /// The node for `node`, or `nil` when it analyzes to nothing searchable.
    private mutating func plan(_ node: QueryNode, analyzer: Analyzer, highlighted: Bool) throws(JiansuoError) -> PlanNode? {
        switch node {
        case .words(let text):
            let tokens = try analyzer.tokens(in: text)
            let words = tokens.map(\.term)
            guard !words.isEmpty else { return nil }
            var pairs: [PlanNode] = []
            // A pair with a question word is no more evidence than the question word.
            for index in words.indices.dropLast() where proximity && words[index] != words[index + 1]
                && weight(of: words[index]) > 0 && weight(of: words[index + 1]) > 0 {
                let pair = [words[index], words[index + 1]]
                pairs.append(leaf(.wordPhrase(pair), idfTerms: pair, highlighted: false, k1: Self.proximityK1))
            }
            if characterBigrams {
                let characters = analyzer.phraseCharacters(in: text).map(\.scalar)
                for index in characters.indices.dropLast()
                where Self.isHan(characters[index]) && Self.isHan(characters[index + 1]) {
                    pairs.append(leaf(
                        .characters([characters[index], characters[index + 1]]), idfTerms: nil, highlighted: false,
                        weight: Self.characterBigramWeight))
                }
            }
            if characters {
                var seenCharacters = Set<UInt32>()
                for character in analyzer.phraseCharacters(in: text).map(\.scalar)
                where Self.isHan(character) && seenCharacters.insert(character).inserted {
                    pairs.append(leaf(.characters([character]), idfTerms: nil, highlighted: false, weight: Self.characterWeight))
                }
            }
            // Pairs only score: a passage never matches through them alone.
            func scored(_ required: [PlanNode], optional: [PlanNode]) -> PlanNode {
                required.count == 1 && optional.isEmpty
                    ? required[0] : .all(required: required, excluded: [], optional: optional, filter: nil)
            }
            var seen = Set<String>()
            let unique = words.filter { seen.insert($0).inserted }
            if defaultOperator == .any {
                let alternatives = unique.map { leaf(.term($0), idfTerms: [$0], highlighted: highlighted, weight: weight(of: $0)) }
                return scored([alternatives.count == 1 ? alternatives[0] : .any(alternatives)], optional: pairs)
            }
            // Required: each typed run of Han characters that ICU splits into several words,
            // as the contiguous text typed (so 乡村振兴 finds what "乡村振兴" and rg find, however
            // ICU segmented each passage), and every other word; the run's words only score.
            var required: [PlanNode] = [], runWords: [PlanNode] = []
            var inRuns = Set<String>()
            for run in Self.hanRuns(of: tokens, in: text) {
                let runText = String(decoding: Array(text.utf8)[run.bytes], as: UTF8.self)
                let characters = analyzer.phraseCharacters(in: runText).map(\.scalar)
                let runTerms = tokens[run.tokens].map(\.term)
                required.append(leaf(.characters(characters), idfTerms: runTerms, highlighted: highlighted, weight: 0))
                for term in runTerms where inRuns.insert(term).inserted {
                    runWords.append(leaf(.term(term), idfTerms: [term], highlighted: false, weight: weight(of: term)))
                }
            }
            let covered = Set(Self.hanRuns(of: tokens, in: text).flatMap { Array($0.tokens) })
            var requiredTerms = Set<String>()
            for (index, token) in tokens.enumerated() where !covered.contains(index) && requiredTerms.insert(token.term).inserted {
                required.append(leaf(.term(token.term), idfTerms: [token.term], highlighted: highlighted, weight: weight(of: token.term)))
            }
            return scored(required, optional: runWords.filter { node in
                guard case .leaf(let index) = node, case .term(let term) = leaves[index].kind else { return true }
                return !requiredTerms.contains(term)
            } + pairs)

        case .phrase(let text):
            let characters = analyzer.phraseCharacters(in: text).map(\.scalar)
            guard !characters.isEmpty else { return nil }
            return leaf(.characters(characters), idfTerms: try analyzer.tokens(in: text).map(\.term), highlighted: highlighted)

        case .near(let text, let distance):
            let terms = try analyzer.tokens(in: text).map(\.term)
            guard !terms.isEmpty else { return nil }
            if terms.count == 1 { return leaf(.term(terms[0]), idfTerms: terms, highlighted: highlighted) }
            return leaf(.near(terms, distance: distance), idfTerms: terms, highlighted: highlighted)

        case .years, .collection, .source:
            return nil  // a filter: applied by the enclosing `and`

        case .heading:
            return nil  // a filter of the whole query: `headings`

        case .or where node.isFilter:
            return nil  // a filter: applied by the enclosing `and`

        case .or(let children):
            var planned: [PlanNode] = []
            for child in children {
                if let node = try plan(child, analyzer: analyzer, highlighted: highlighted) { planned.append(node) }
            }
            return planned.isEmpty ? nil : planned.count == 1 ? planned[0] : .any(planned)

        case .not(let child):
            return try plan(child, analyzer: analyzer, highlighted: false)

        case .and(let children):
            var required: [PlanNode] = [], excluded: [PlanNode] = [], optional: [PlanNode] = []
            var filters: [PlanFilter] = []
            for child in children {
                if let filter = PlanFilter(child) {
                    filters.append(filter)
                    continue
                }
                switch child {
                case .heading:
                    break
                case .not(let inner):
                    if let node = try plan(inner, analyzer: analyzer, highlighted: false) { excluded.append(node) }
                default:
                    // A plain conjunction inside this one joins it, so that top-k pruning sees
                    // one flat list of required words and optional scoring leaves.
                    switch try plan(child, analyzer: analyzer, highlighted: highlighted) {
                    case .all(let innerRequired, let innerExcluded, let innerOptional, nil)? where innerExcluded.isEmpty:
                        // With any word enough, a typed run's alternatives join the query's
                        // own: one flat OR, which MaxScore takes (not an OR inside an OR).
                        if defaultOperator == .any, innerRequired.count == 1, case .any(let alternatives) = innerRequired[0] {
                            required += alternatives
                        } else {
                            required += innerRequired
                        }
                        optional += innerOptional
                    case let node?:
                        required.append(node)
                    case nil:
                        break
                    }
                }
            }
            let (filter, contradictory) = PlanFilter.conjunction(filters)
            if contradictory { return .nothing }
            guard !required.isEmpty else { return nil }
            if defaultOperator == .any && required.count > 1 {
                return .all(required: [.any(required)], excluded: excluded, optional: optional, filter: filter)
            }
            if required.count == 1 && optional.isEmpty && excluded.isEmpty && filter == nil { return required[0] }
            return .all(required: required, excluded: excluded, optional: optional, filter: filter)
        }
    }
}

extension QueryPlan {
    /// What `Searcher.countByYear` counts as occurrences of this plan, in words.
    var countedDescription: String { describe(root) }

    private func describe(_ node: PlanNode) -> String {
        switch node {
        case .nothing:
            return "nothing (contradictory year filters)"
        case .leaf(let index):
            switch leaves[index].kind {
            case .term(let term): return "the word \(term)"
            case .characters(let characters):
                return "the text " + String(String.UnicodeScalarView(characters.compactMap(Unicode.Scalar.init)))
            case .wordPhrase(let terms): return "the words \(terms.joined(separator: " ")) in a row"
            case .near(let terms, let distance): return "\(terms.joined(separator: " ")) within \(distance) words"
            }
        case .any(let children):
            return "any of " + children.map(describe).joined(separator: ", ") + " (their occurrences added)"
        case .all(let required, let excluded, _, let filter):
            var text = required.count == 1
                ? describe(required[0])
                : "per passage, the rarest of " + required.map(describe).joined(separator: ", ")
            if !excluded.isEmpty { text += ", in passages without " + excluded.map(describe).joined(separator: " or ") }
            if let filter { text += ", " + filter.description }
            return text
        }
    }
}

extension Query {
    /// What counting this query counts as its occurrences, in words (乡村振兴: "the text
    /// 乡村振兴"), so that output can say what a number means.
    public func countedDescription(defaultOperator: DefaultOperator = .all) throws(JiansuoError) -> String {
        try QueryPlan(self, analyzer: Analyzer(), defaultOperator: defaultOperator).countedDescription
    }
}
