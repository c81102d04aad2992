import Foundation
import Jiansuo
import Testing

/// The DocC article's code, run: the blocks of `GettingStarted.md` must be, line for line,
/// the code between the markers below, which builds against the public API only (this file
/// imports `Jiansuo` without `@testable`, as the article does) and runs on the sample reports.
@Suite struct GettingStartedTests {
    static let article = TestSupport.repositoryRoot.appendingPathComponent("Sources/Jiansuo/Jiansuo.docc/GettingStarted.md")

    @Test func theArticlesCodeIsThisTestsCode() throws {
        let article = try String(contentsOf: Self.article, encoding: .utf8)
        var blocks: [String] = []
        var inBlock = false
        for line in article.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inBlock = line == "```swift"
                continue
            }
            if inBlock { blocks.append(String(line)) }
        }
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let marked = source.components(separatedBy: "// BEGIN article\n")[1].components(separatedBy: "        // END article")[0]
        let code = marked.split(separator: "\n", omittingEmptySubsequences: false).map { $0.dropFirst(8) }.map(String.init)
        // The article's `import Jiansuo` is this file's first import.
        #expect(code.filter { !$0.isEmpty } == blocks.filter { !$0.isEmpty && $0 != "import Jiansuo" })
    }

    @Test func theArticlesCodeRuns() throws {
        let reportsPath = TestSupport.repositoryRoot.appendingPathComponent("Corpus").path
        let indexPath = TestSupport.temporaryDirectory("getting-started").appendingPathComponent("index").path
        // BEGIN article
        let writer = try IndexWriter(directory: indexPath)
        let report = try FolderSync().run([reportsPath], into: writer)
        try writer.commit()
        print("\(report.added.count) added, \(report.skipped.count) skipped")

        let searcher = try Searcher(directory: indexPath)
        let results = try searcher.search("\"代表建议\" 办理", options: SearchOptions(limit: 5))
        for hit in results.hits {
            print(hit.year ?? 0, hit.path, hit.score)
        }

        for year in try searcher.countByYear("\"代表建议\"") {
            print(year.year ?? 0, year.occurrences)
        }
        // END article
        #expect(report.added.count == 8 && report.skipped.isEmpty)
        #expect(results.hits.count == 5)
        #expect(try searcher.countByYear("\"代表建议\"").reduce(0) { $0 + $1.occurrences } > 10)
    }
}
