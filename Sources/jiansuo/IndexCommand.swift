import ArgumentParser
import Jiansuo

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index the .txt and .md files under folders (default: Corpus).",
        discussion: """
            Replaces what the index held, unless --append. Files that are not valid UTF-8 or \
            cannot be read are listed on standard error and skipped; the exit status is then 2.
            """
    )

    @Argument(help: "Folders or files to index.")
    var folders: [String] = ["Corpus"]

    @OptionGroup var location: IndexLocation

    @Option(help: "Give every document this year instead of detecting it from its path or text.")
    var year: Int?

    @Option(help: "How many files to analyze at once (default: one per core).")
    var threads = IndexWriter.coreCount

    @Option(help: "Megabytes of buffered postings after which a segment is written.")
    var bufferMB = 256

    @Flag(help: "Add to the documents already indexed instead of replacing them.")
    var append = false

    @Flag(name: .shortAndLong, help: "Print nothing but problems.")
    var quiet = false

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let (report, summary) = try reportingErrors { () throws(JiansuoError) in
            let writer = try IndexWriter(
                directory: location.index, mode: append ? .append : .create, memoryBudget: bufferMB << 20,
                threads: threads)
            var report = IngestReport()
            for folder in folders {
                let part = try writer.addFolder(folder, year: year)
                report.append(part)
            }
            return (report, try writer.commit())
        }
        for skipped in report.skipped {
            Terminal.printWarning("skipped \(skipped.reason)")
        }
        if !quiet {
            let seconds = Format.seconds(clock.now - started)
            let megabytes = Double(report.bytes) / 1e6
            print("""
                Indexed \(report.added.count) documents (\(Format.megabytes(report.bytes))) into \(location.index)/ \
                in \(Format.decimal(seconds, places: 2)) s (\(Format.decimal(megabytes / max(seconds, 1e-9), places: 1)) MB/s).
                The index holds \(summary.documents) documents, \(summary.passages) passages in \(summary.segments) segment(s).
                """)
            if !report.skipped.isEmpty {
                print("Skipped \(report.skipped.count) file(s); see the messages above.")
            }
        }
        if !report.skipped.isEmpty { throw ExitCode(2) }
    }
}
