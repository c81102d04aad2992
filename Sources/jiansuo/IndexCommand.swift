#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Jiansuo

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index the .txt and .md files under folders (default: Corpus).",
        discussion: """
            Incremental: files already indexed and unchanged (same size and modification time, \
            or same content) are kept; new files are added, changed ones indexed again, and \
            documents whose files are gone removed, so the index mirrors the folders. --full \
            rebuilds from scratch; --append only adds. Files that are binary, not valid UTF-8 \
            or cannot be read are listed on standard error and skipped; the exit status is then 2.
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

    @Option(help: "Merge segments when a size tier holds this many (tiered merging; at least 2).")
    var mergeFactor = MergePolicy().segmentsPerTier

    @Flag(help: "Rebuild the index from scratch instead of updating it.")
    var full = false

    @Flag(help: "Add to the documents already indexed (refusing paths already there) instead of updating.")
    var append = false

    @Flag(name: .shortAndLong, help: "Print nothing but problems.")
    var quiet = false

    func validate() throws {
        if full && append { throw ValidationError("--full and --append cannot be combined") }
    }

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let bar = !quiet && isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
        let (report, summary) = try reportingErrors { () throws(JiansuoError) in
            let writer = try IndexWriter(
                directory: location.index, mode: full ? .create : append ? .append : .update,
                memoryBudget: bufferMB << 20, threads: threads)
            writer.mergePolicy.segmentsPerTier = max(2, mergeFactor)
            if let bar { writer.progress = { bar.show($0) } }
            var report = UpdateReport()
            if full || append {
                for folder in folders {
                    report.append(try writer.addFolder(folder, year: year))
                }
            } else {
                report = try writer.update(folders: folders, year: year)
            }
            bar?.finish()
            return (report, try writer.commit())
        }
        for skipped in report.skipped {
            Terminal.printWarning("skipped \(skipped.reason)")
        }
        if !quiet {
            let seconds = Format.seconds(clock.now - started)
            let megabytes = Double(report.bytes) / 1e6
            print("""
                Indexed \(report.added.count + report.updated.count) documents (\(Format.megabytes(report.bytes))) \
                into \(location.index)/ in \(Format.decimal(seconds, places: 2)) s \
                (\(Format.decimal(megabytes / max(seconds, 1e-9), places: 1)) MB/s): \
                \(report.added.count) added, \(report.updated.count) updated, \(report.removed.count) removed, \
                \(report.unchanged) unchanged, \(report.skipped.count) skipped.
                The index holds \(summary.documents) documents, \(summary.passages) passages in \(summary.segments) segment(s).
                """)
            if !report.skipped.isEmpty {
                print("Skipped \(report.skipped.count) file(s); see the messages above.")
            }
        }
        if !report.skipped.isEmpty { throw ExitCode(2) }
    }
}
