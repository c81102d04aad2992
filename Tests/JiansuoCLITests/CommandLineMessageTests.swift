import Foundation
import Testing

/// Bad arguments get a clear error naming what is wrong; edge values mean what they say.
@Suite struct CommandLineMessageTests {
    /// An index of two small reports, built once.
    static let index: String = {
        let folder = TestSupport.temporaryDirectory("cli-messages")
        let reports = folder.appendingPathComponent("reports")
        try? FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        try? Data("代表建议代表建议。\n\n办理代表建议，代表建议代表建议。\n\n人大代表建议。".utf8)
            .write(to: reports.appendingPathComponent("2020.txt"))
        try? Data("代表性传承人。政协委员。\n".utf8).write(to: reports.appendingPathComponent("2021.txt"))
        let index = folder.appendingPathComponent("index").path
        _ = try? TestSupport.run(["index", reports.path, "--index", index, "--quiet"])
        return index
    }()

    func run(_ arguments: [String]) throws -> TestSupport.Output {
        try TestSupport.run(arguments + ["--index", Self.index])
    }

    @Test func adjacentOccurrencesAreCountedListedAndHighlightedApart() throws {
        let count = try run(["count", "\"代表建议\"", "--csv"])
        #expect(count.standardOutput.contains("2020,1,2,6,"), "\(count.standardOutput)")
        let kwic = try run(["kwic", "\"代表建议\"", "--csv"])
        #expect(kwic.standardOutput.split(separator: "\n").count == 1 + 6)
        let both = try run(["kwic", "\"人大代表\" OR \"代表建议\"", "--csv"])
        #expect(both.standardOutput.split(separator: "\n").count == 1 + 7, "人大代表建议 is two hits")
        let any = try run(["search", "代表 建议", "--operator", "any", "--json", "--limit", "0"])
        let or = try run(["search", "代表 OR 建议", "--json", "--limit", "0"])
        #expect(any.standardOutput.contains("\"total\":2") && or.standardOutput.contains("\"total\":2"), "代表性 holds neither word")
    }

    @Test func limitsAndYearRangesMeanWhatTheySay() throws {
        #expect(try run(["search", "代表建议", "--limit", "0"]).standardOutput == "2 matching passages; none shown (--limit 0).\n")
        let kwic = try run(["kwic", "\"代表建议\"", "--limit", "0"])
        #expect(kwic.standardOutput == "0 of 6 hits shown.\n")
        #expect(try run(["search", "代表建议", "--limit", "9223372036854775807"]).status == 0)
        let negative = try run(["search", "代表建议", "--limit", "-1"])
        #expect(negative.status != 0 && negative.standardError.contains("--limit must be ≥ 0, not -1"))
        let reversed = try run(["search", "代表建议", "--years", "2022-2019"])
        #expect(reversed.standardError.contains("--years: the range 2022..2019 is reversed"))
        #expect(!reversed.standardError.contains("SUBCOMMANDS"))
        for years in ["2020", "2020..2021", "2020-2021"] {
            #expect(try run(["search", "代表建议", "--years", years]).status == 0, "\(years)")
        }
        #expect(try run(["search", "代表建议", "--year", "2020", "--year", "2021"]).standardError.contains("give --year once"))
        let excluding = try run(["search", "-委员", "代表建议", "--json"])
        #expect(excluding.status == 0 && excluding.standardOutput.contains("\"total\":2"))
    }

    @Test func unreadableQueriesAreErrorsWithTheirPosition() throws {
        // Invalid bytes cannot go through Process's String arguments: a shell passes them.
        let shell = try TestSupport.run(
            ["-c", #"exec "$0" search "$(printf '\377\376')代表" --index "$1" 2>&1"#, TestSupport.executable.path, Self.index],
            executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(shell.status == 1)
        #expect(shell.standardOutput.contains("argument 2 (\\xFF�代表) is not valid UTF-8: byte 1 of it, 0xFF"), "\(shell.standardOutput)")
        let control = try run(["search", "代表\u{1}"])
        #expect(control.standardError.contains("at character 3: a control character (U+0001)"))
        #expect(try run(["search", "OR"]).standardError.contains("OR needs something on its left"))
        #expect(try run(["search", "😀"]).standardError.contains("emoji"))
    }

    @Test func chartsEvaluationAndIndexPathsAreChecked() throws {
        let folder = TestSupport.temporaryDirectory("cli-chart")
        let png = try run(["count", "代表", "--chart", folder.appendingPathComponent("c.png").path])
        #expect(png.status != 0 && png.standardError.contains("--chart writes SVG"))
        let empty = try run(["count", "代表", "--chart", folder.appendingPathComponent("c.svg").path, "--year", "1961"])
        #expect(empty.status == 1 && empty.standardError.contains("no year in 1961–1961 has text"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("c.svg").path))
        let queries = folder.appendingPathComponent("q.tsv")
        try Data("q1\t代表建议\n".utf8).write(to: queries)
        let noJudgments = try run(["eval", "--queries", queries.path, "--qrels", "/dev/null"])
        #expect(noJudgments.status == 1 && noJudgments.standardError.contains("/dev/null holds no judgments"))
        let qrels = folder.appendingPathComponent("qrels.tsv")
        try Data("q1\t2020\n".utf8).write(to: qrels)
        let shallow = try run(["eval", "--queries", queries.path, "--qrels", qrels.path, "--limit", "5"])
        #expect(shallow.status == 0 && !shallow.standardOutput.contains("Recall@100 ")
            && shallow.standardOutput.contains("Not measured with --limit 5: MRR@10, Recall@10, Recall@100, nDCG@10."))
        let file = try TestSupport.run(["stats", "--index", queries.path])
        #expect(file.standardError.contains("is a file"))
        #expect(try TestSupport.run(["--version"]).standardOutput == "0.1.0\n")
    }
}
