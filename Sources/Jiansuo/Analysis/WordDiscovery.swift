#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A term the text suggests is one word although the analyzer splits it.
public struct ProposedWord: Sendable, Equatable {
    /// The folded text of the term, as a dictionary line would give it.
    public let word: String
    /// The analyzer's pieces of it (全|过程|人民|民主).
    public let pieces: [String]
    /// Occurrences in the text.
    public let count: Int
    /// How strongly the pieces stick together: the pointwise mutual information (natural
    /// log) of the weakest split into two parts, log(P(term) / (P(left) · P(right))).
    public let cohesion: Double
    /// How varied the words before and after it are: the smaller of the two neighbour
    /// entropies (nats). A fragment of a longer word has few distinct neighbours.
    public let freedom: Double
}

/// Finds terms that the analyzer splits into pieces but the text uses as one word —
/// frequent, cohesive, and free in their context (the method of frequency, pointwise mutual
/// information and neighbour entropy) — for a user to review and feed back as a dictionary.
///
/// Candidates are runs of 2–4 adjacent Han tokens, at most 8 characters, at least one of
/// them a single character (what ICU's old dictionary leaves when it does not know a
/// word: 疫|情|防|控, 十四|五). Feed passages with `add`, twice: the first pass counts
/// candidates, the second (after `prepareSecondPass`) counts their parts and neighbours.
struct WordDiscovery {
    let minimumCount: Int
    private var firstPass = true
    private var candidateCounts: [String: Int] = [:]
    /// Second pass: counts of candidates that survived and of their parts.
    private var counts: [String: Int] = [:]
    private var left: [String: [String: Int]] = [:]
    private var right: [String: [String: Int]] = [:]
    private var tokenTotal = 0

    static let maximumPieces = 4
    static let maximumCharacters = 8
    private static let separator: Character = "\u{1F}"
    /// Before a text's first token and after its last: each such place counts as a distinct
    /// neighbour, so a term that starts or ends passages is not taken for a fragment.
    private static let edge = "\u{2}"

    init(minimumCount: Int) {
        self.minimumCount = minimumCount
    }

    /// Adds one passage's tokens, in order, with their byte ranges (adjacent tokens only
    /// join when nothing — no punctuation or space — stands between them).
    mutating func add(_ tokens: [Token]) {
        // Runs of adjacent Han tokens: candidates and their neighbours stay inside one.
        var runStart = [Int](repeating: 0, count: tokens.count)
        for index in tokens.indices.dropFirst() {
            let joins = tokens[index - 1].byteRange.upperBound == tokens[index].byteRange.lowerBound
                && Self.isHan(tokens[index].term) && Self.isHan(tokens[index - 1].term)
            runStart[index] = joins ? runStart[index - 1] : index
        }
        for index in tokens.indices {
            if firstPass { tokenTotal += 1 }
            guard Self.isHan(tokens[index].term) else { continue }
            let lowest = max(runStart[index], index - Self.maximumPieces + 1)
            for start in stride(from: index, through: lowest, by: -1) {
                let pieces = tokens[start...index].map(\.term)
                guard pieces.reduce(0, { $0 + $1.count }) <= Self.maximumCharacters else { break }
                let key = pieces.joined(separator: String(Self.separator))
                if firstPass {
                    if pieces.count > 1, pieces.contains(where: { $0.count == 1 }) { candidateCounts[key, default: 0] += 1 }
                    continue
                }
                guard let count = counts[key] else { continue }
                counts[key] = count + 1
                guard var before = left[key], var after = right[key] else { continue }
                let endsRun = index + 1 == tokens.count || runStart[index + 1] != runStart[index]
                before[start == runStart[index] ? Self.edge + String(count) : tokens[start - 1].term, default: 0] += 1
                after[endsRun ? Self.edge + String(count) : tokens[index + 1].term, default: 0] += 1
                left[key] = before
                right[key] = after
            }
        }
    }

    /// Keeps the candidates seen at least `minimumCount` times and readies the second pass.
    mutating func prepareSecondPass() {
        firstPass = false
        for (key, count) in candidateCounts where count >= minimumCount {
            let pieces = key.split(separator: Self.separator).map(String.init)
            left[key] = [:]
            right[key] = [:]
            for start in pieces.indices {
                for end in start..<pieces.count where end - start < pieces.count - 1 {
                    counts[pieces[start...end].joined(separator: String(Self.separator))] = 0
                }
            }
            counts[key] = 0
        }
        candidateCounts = [:]
    }

    /// The proposals, best first: those whose pieces are cohesive (PMI ≥ `minimumCohesion`)
    /// and free (both neighbour entropies ≥ `minimumFreedom`), ranked by occurrences times
    /// freedom, so that common words free in their context lead.
    func proposals(minimumCohesion: Double = 3, minimumFreedom: Double = 1.5) -> [ProposedWord] {
        let total = Double(max(1, tokenTotal))
        var proposals: [ProposedWord] = []
        for (key, neighbours) in left {
            guard let count = counts[key], count >= minimumCount, let after = right[key] else { continue }
            let pieces = key.split(separator: Self.separator).map(String.init)
            var cohesion = Double.infinity
            for split in 1..<pieces.count {
                let leftCount = counts[pieces[..<split].joined(separator: String(Self.separator))] ?? 0
                let rightCount = counts[pieces[split...].joined(separator: String(Self.separator))] ?? 0
                guard leftCount > 0, rightCount > 0 else { continue }
                cohesion = min(cohesion, log(Double(count) * total / (Double(leftCount) * Double(rightCount))))
            }
            let freedom = min(Self.entropy(neighbours), Self.entropy(after))
            guard cohesion.isFinite, cohesion >= minimumCohesion, freedom >= minimumFreedom else { continue }
            proposals.append(ProposedWord(
                word: pieces.joined(), pieces: pieces, count: count, cohesion: cohesion, freedom: freedom))
        }
        // A proposal inside a longer one that is nearly as frequent is its fragment.
        let byWord = Dictionary(proposals.map { ($0.word, $0) }, uniquingKeysWith: { first, _ in first })
        proposals.removeAll { proposal in
            byWord.values.contains { other in
                other.word.count > proposal.word.count && other.word.contains(proposal.word)
                    && Double(other.count) >= 0.9 * Double(proposal.count)
            }
        }
        return proposals.sorted { a, b in
            let (scoreA, scoreB) = (Double(a.count) * a.freedom, Double(b.count) * b.freedom)
            return scoreA != scoreB ? scoreA > scoreB : a.word < b.word
        }
    }

    private static func entropy(_ counts: [String: Int]) -> Double {
        let total = Double(counts.values.reduce(0, +))
        guard total > 0 else { return 0 }
        return counts.values.reduce(0) { sum, count in
            let p = Double(count) / total
            return sum - p * log(p)
        }
    }

    /// Whether every character of `term` is a Han ideograph.
    static func isHan(_ term: String) -> Bool {
        term.unicodeScalars.allSatisfy { $0.properties.isIdeographic }
    }
}
