import Foundation
import Testing

/// Segmentation measured on the SIGHAN 2005 test sets with the bakeoff's training word lists
/// as dictionaries (docs/QUALITY.md), through the CLI as README shows it.
@Suite(.enabled(if: TestSupport.sharedIsAvailable, Comment(rawValue: TestSupport.sharedMissing)))
struct SegmentationQualityTests {
    static let icwb2 = TestSupport.shared.appendingPathComponent("eval/icwb2")

    static func f1(_ corpus: String, dictionary: Bool) throws -> Double {
        var arguments = ["tokenize", "--segmented", "--file", icwb2.appendingPathComponent("\(corpus)_test.utf8").path,
                         "--gold", icwb2.appendingPathComponent("\(corpus)_test_gold.utf8").path, "--json"]
        if dictionary { arguments += ["--dictionary", icwb2.appendingPathComponent("\(corpus)_training_words.utf8").path] }
        let output = try TestSupport.run(arguments)
        #expect(output.status == 0, "\(output.standardError)")
        let json = try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any]
        return try #require(json?["f1"] as? Double)
    }

    @Test(arguments: [("pku", 0.90), ("msr", 0.94)])
    func reachesTheTargetWithTheTrainingWordList(corpus: String, target: Double) throws {
        let icuAlone = try Self.f1(corpus, dictionary: false)
        let combined = try Self.f1(corpus, dictionary: true)
        #expect(icuAlone > 0.78 && icuAlone < 0.80)
        #expect(combined >= target, "\(corpus): F1 \(combined), target \(target)")
    }

    @Test func segmentedOutputHasOneLinePerInputLine() throws {
        let folder = TestSupport.temporaryDirectory("segmented")
        let input = folder.appendingPathComponent("in.txt")
        try "坚持全过程人民民主\r\n\r\n代表建议。\n".write(to: input, atomically: true, encoding: .utf8)
        let dictionary = folder.appendingPathComponent("words.txt")
        try "全过程人民民主\n".write(to: dictionary, atomically: true, encoding: .utf8)
        let output = try TestSupport.run(["tokenize", "--segmented", "--file", input.path, "--dictionary", dictionary.path])
        #expect(output.status == 0)
        #expect(output.standardOutput == "坚持 全过程人民民主\n\n代表 建议 。\n")
    }
}
