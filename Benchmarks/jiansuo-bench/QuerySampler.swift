import Foundation
import Jiansuo

/// Chooses benchmark queries from the corpus itself, so any folder can be measured: terms by
/// their frequency in a sample of the text, phrases as runs of adjacent words in it.
/// Deterministic for a given corpus.
struct QuerySampler {
    var commonTerms: [String] = []
    var rareTerms: [String] = []
    var termPairs: [String] = []
    var termTriples: [String] = []
    var twoWordPhrases: [String] = []
    var threeWordPhrases: [String] = []

    init(_ corpus: InputCorpus, sampleBytes: Int = 4_000_000, perClass: Int = 15) throws {
        let analyzer = try Analyzer()
        var counts: [String: Int] = [:]
        var paragraphs: [[Token]] = []
        var texts: [[UInt8]] = []
        // Every k-th file, so the sample spans the corpus rather than its first folder.
        let stride = max(1, corpus.bytes / max(sampleBytes, 1))
        var taken = 0
        for (index, path) in corpus.files.enumerated() where index % stride == 0 && taken < sampleBytes {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            taken += text.utf8.count
            for paragraph in text.split(separator: "\n") where paragraph.utf8.count > 20 {
                let string = String(paragraph)
                let tokens = try analyzer.tokens(in: string)
                for token in tokens { counts[token.term, default: 0] += 1 }
                paragraphs.append(tokens)
                texts.append(Array(string.utf8))
            }
        }
        func isWord(_ term: String) -> Bool {
            term.count >= 2 && term.unicodeScalars.allSatisfy { $0.value >= 0x4E00 && $0.value <= 0x9FFF }
        }
        let ranked = counts.filter { isWord($0.key) }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
        commonTerms = Array(ranked.prefix(perClass))
        var generator = SplitMix(state: 17)
        let singletons = ranked.filter { counts[$0] == 1 }
        rareTerms = (0..<min(perClass, singletons.count)).map { _ in singletons.randomElement(using: &generator)! }
        let middle = Array(ranked.dropFirst(20).prefix(2_000))
        let middleSet = Set(middle)
        var attempts = 0
        while (termPairs.count < perClass || termTriples.count < perClass || twoWordPhrases.count < perClass
            || threeWordPhrases.count < perClass) && attempts < 100_000 && !paragraphs.isEmpty {
            attempts += 1
            let index = Int.random(in: 0..<paragraphs.count, using: &generator)
            let tokens = paragraphs[index]
            let words = Array(Set(tokens.map(\.term).filter { middleSet.contains($0) })).sorted()
            if words.count >= 3 {
                let chosen = words.shuffled(using: &generator)
                if termPairs.count < perClass { termPairs.append(chosen[0..<2].joined(separator: " ")) }
                if termTriples.count < perClass { termTriples.append(chosen[0..<3].joined(separator: " ")) }
            }
            // Adjacent words in the original text, both real words, quoted as the user would.
            for length in [2, 3] where tokens.count > length {
                let start = Int.random(in: 0..<(tokens.count - length), using: &generator)
                let run = tokens[start..<start + length]
                guard run.allSatisfy({ isWord($0.term) }),
                      zip(run, run.dropFirst()).allSatisfy({ $0.byteRange.upperBound == $1.byteRange.lowerBound })
                else { continue }
                let phrase = "\"" + String(decoding: texts[index][run.first!.byteRange.lowerBound..<run.last!.byteRange.upperBound], as: UTF8.self) + "\""
                if length == 2, twoWordPhrases.count < perClass { twoWordPhrases.append(phrase) }
                if length == 3, threeWordPhrases.count < perClass { threeWordPhrases.append(phrase) }
            }
        }
    }
}

/// SplitMix64: a small seeded generator so the chosen queries repeat exactly.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
