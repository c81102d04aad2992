import Foundation
import Testing

/// What users see, byte for byte: the CLI's output on the sample reports in `Corpus/`,
/// compared with the files in `Golden/`. A change in output is then always a reviewed
/// change: rerun with `JIANSUO_RECORD_GOLDEN=1` to re-record, and read the diff.
@Suite struct GoldenOutputTests {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["JIANSUO_RECORD_GOLDEN"] == "1"

    /// Each case: a golden file's name and the command's arguments (`--index` is added).
    static let cases: [(name: String, arguments: [String])] = [
        ("index", ["index", "Corpus", "--threads", "1"]),
        ("search", ["search", "代表建议", "--color", "never"]),
        ("search-phrase-json", ["search", "\"代表建议\" 办结率", "--json", "--limit", "3"]),
        ("search-group-doc", ["search", "人大代表", "--group", "doc", "--snippet", "40", "--color", "never"]),
        ("search-any", ["search", "代表 建议", "--operator", "any", "--limit", "2", "--full", "--color", "never"]),
        ("search-limit-0", ["search", "代表建议", "--limit", "0"]),
        ("kwic", ["kwic", "\"代表建议\"", "--width", "16", "--color", "never"]),
        ("kwic-sort-left-csv", ["kwic", "人大代表", "--sort", "left", "--csv"]),
        ("kwic-limit", ["kwic", "代表建议 OR 人大代表", "--sort", "right", "--width", "10", "--limit", "4", "--color", "never"]),
        ("count", ["count", "代表建议", "\"人大代表\"", "代表 -建议"]),
        ("count-csv", ["count", "乡村振兴 OR 营商环境", "--years", "2020..2023", "--csv"]),
        ("count-json", ["count", "\"代表建议\"", "--year", "2022", "--json"]),
        ("stats", ["stats"]),
        ("stats-json", ["stats", "--json"]),
    ]

    /// The output with what varies from run to run masked: the index's temporary path and
    /// the time and speed of indexing.
    static func normalized(_ output: String, index: String) -> String {
        output.replacingOccurrences(of: index, with: "$INDEX")
            .replacingOccurrences(of: #"in [0-9.]+ s \([0-9.]+ MB/s\)"#, with: "in … s (… MB/s)", options: .regularExpression)
    }

    @Test func outputEqualsTheGoldenFiles() throws {
        let index = TestSupport.temporaryDirectory("golden").appendingPathComponent("index").path
        if Self.recording { try FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true) }
        for (name, arguments) in Self.cases {
            let result = try TestSupport.run(arguments + ["--index", index], in: TestSupport.repositoryRoot)
            let shown = "$ jiansuo \(arguments.joined(separator: " "))\n"
                + Self.normalized(result.standardOutput, index: index)
                + (result.standardError.isEmpty ? "" : "[stderr]\n" + Self.normalized(result.standardError, index: index))
                + "[exit \(result.status)]\n"
            let file = Self.goldenFolder.appendingPathComponent("\(name).txt")
            if Self.recording {
                try Data(shown.utf8).write(to: file)
                continue
            }
            let expected = try String(contentsOf: file, encoding: .utf8)
            #expect(shown == expected, "jiansuo \(arguments.joined(separator: " ")) differs from Golden/\(name).txt (re-record with JIANSUO_RECORD_GOLDEN=1 if the change is meant)")
        }
    }
}
