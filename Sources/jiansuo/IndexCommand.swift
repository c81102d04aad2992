#if canImport(Glibc)
import CGlibcMalloc
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Jiansuo

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index the reports under folders (default: Corpus).",
        discussion: """
            Reads .txt, .md, .html/.htm and .docx files, and .pdf when pdftotext is installed. \
            Text in UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK/GB2312 or Big5 is \
            recognized; --encoding forces one. A metadata.csv or metadata.tsv at the top of a \
            folder (columns path, year, title, source) gives files their year and title. See \
            docs/INPUT-FORMATS.md. Incremental: files already indexed and unchanged (same size and \
            modification time, or same content) are kept; new files are added, changed ones \
            indexed again, and documents whose files are gone removed, so the index mirrors the \
            folders; a run that would remove more than half of the documents stops unless --prune \
            is given. --full rebuilds from scratch; --append only adds. --exclude passes over \
            files and folders. Files that cannot be read or decoded are listed on standard error \
            and skipped; the exit status is then 2. Files of other formats are counted, not indexed.
            """
    )

    @Argument(help: "Folders or files to index.")
    var folders: [String] = ["Corpus"]

    @OptionGroup var location: IndexLocation

    @Option(help: "Give every document this year instead of detecting it from its path or text.")
    var year: Int?

    /// Whether passages under a heading that names a year take that year.
    enum HeadingYears: String, ExpressibleByArgument, CaseIterable {
        case on, off
    }

    @Option(help: "Date passages under a heading naming a year (2022年》》, 一、2022年工作回顾) by that year: on or off. --year overrides it.")
    var headingYears: HeadingYears = .on

    @Option(help: "How many files to analyze at once (default: one per core).")
    var threads: Int?

    @Option(help: "Megabytes of buffered postings after which a segment is written.")
    var bufferMB = 256

    @Option(help: "Read text and HTML files in this encoding (e.g. GB18030, GBK, Big5, UTF-16LE) instead of detecting it.")
    var encoding: String?

    @Option(help: "Also treat as web-page debris the patterns in this file (lines 'line: TEXT', 'prefix: TEXT', 'footer: TEXT').")
    var boilerplate: String?

    @Flag(help: "Index debris lines such as toolbars and login prompts instead of leaving them out of passages.")
    var keepBoilerplate = false


    @Option(help: "Merge segments when a size tier holds this many (tiered merging; at least 2).")
    var mergeFactor = MergePolicy().segmentsPerTier

    @Option(help: "Segment with this user dictionary (one word per line, optional TAB and frequency, # comments); kept with the index, which its queries then use too.")
    var dictionary: String?

    @Option(name: .customLong("exclude"), help: ArgumentHelp(
        "Pass over files and folders matching this pattern (repeatable): a name such as README.md or '*.bak', or, with a '/', a path under the folder such as '2019/drafts'.",
        valueName: "glob"))
    var excluded: [String] = []

    @Flag(help: "Allow an update to remove more than half of the documents in the index (their files are gone or not under the folders given).")
    var prune = false

    @Flag(help: "Rebuild the index from scratch instead of updating it.")
    var full = false

    @Flag(help: "Add to the documents already indexed (refusing paths already there) instead of updating.")
    var append = false

    @Flag(name: .shortAndLong, help: "Print nothing but problems.")
    var quiet = false

    func validate() throws {
        if let encoding, !TextDecoder.isKnownEncoding(encoding) {
            throw ValidationError("unknown encoding '\(encoding)' (try GB18030, GBK, Big5, UTF-16LE or UTF-8)")
        }
        if full && append { throw ValidationError("--full and --append cannot be combined") }
        if mergeFactor < 2 { throw ValidationError("--merge-factor must be at least 2, not \(mergeFactor)") }
        if let year, !(1...9999).contains(year) { throw ValidationError("--year must be between 1 and 9999, not \(year)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, not \(threads)") }
        if bufferMB < 1 { throw ValidationError("--buffer-mb must be at least 1, not \(bufferMB)") }
        if let empty = excluded.first(where: { $0.allSatisfy { $0 == "/" || $0 == "." } }) {
            throw ValidationError("--exclude '\(empty)' matches nothing")
        }
    }

    func run() throws {
        #if canImport(Glibc)
        // glibc raises its mmap threshold to the size of each large block freed (up to 32 MB),
        // so once a segment is written the next buffer's arrays grow in the heap, where freed
        // ones stay resident. A fixed threshold keeps large arrays mapped, returned when freed:
        // peak RSS indexing 400 MB 572 → 548 MiB beside the writer's `malloc_trim`, no slower
        // (docs/BENCHMARKS.md). Set here, not in the library: the process owner's to tune.
        mallopt(M_MMAP_THRESHOLD, 128 << 10)
        #endif
        let clock = ContinuousClock()
        let started = clock.now
        let bar = !quiet && isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
        let (report, summary) = try reportingErrors { () throws(JiansuoError) in
            var patterns: Boilerplate = keepBoilerplate ? .none : .standard
            if let boilerplate {
                let text = String(decoding: try TextDecoder.decode(try DocumentReader.readBytes(boilerplate), path: boilerplate).utf8, as: UTF8.self)
                patterns = patterns.adding(try Boilerplate.parse(text, file: boilerplate))
            }
            let writer = try IndexWriter(
                directory: location.index, mode: full ? .create : .open,
                splitter: PassageSplitter(boilerplate: patterns), memoryBudget: bufferMB << 20, threads: threads ?? IndexWriter.coreCount,
                dictionary: try UserDictionary.make(contentsOfOptional: dictionary))
            writer.mergePolicy.segmentsPerTier = mergeFactor
            writer.headingYears = headingYears == .on
            var sync = FolderSync(
                policy: full || append ? .addNew : .mirror, year: year, encoding: encoding, exclude: excluded,
                maximumRemovedFraction: prune ? 1 : 0.5)
            if let bar { sync.progress = { bar.show($0) } }
            let report: IndexReport
            do throws(JiansuoError) {
                report = try sync.run(folders, into: writer)
            } catch {
                bar?.finish()
                guard case .refusedRemoval = error else { throw error }
                throw .invalidArgument(
                    error.description + ". Give --prune to remove them, --append to only add, or the folders the index was built from.")
            }
            bar?.finish()
            return (report, try writer.commit())
        }
        for skipped in report.skipped {
            Terminal.printWarning("skipped \(skipped.reason)")
        }
        for note in report.notes {
            Terminal.printWarning(note)
        }
        if !quiet {
            let seconds = NumberFormatting.seconds(clock.now - started)
            let megabytes = Double(report.bytes) / 1e6
            print("""
                Indexed \(NumberFormatting.counted(report.added.count + report.updated.count, "document")) (\(NumberFormatting.megabytes(report.bytes))) \
                into \(location.index)/ in \(NumberFormatting.decimal(seconds, places: 2)) s \
                (\(NumberFormatting.decimal(megabytes / max(seconds, 1e-9), places: 1)) MB/s): \
                \(report.added.count) added, \(report.updated.count) updated, \(report.removed.count) removed, \
                \(report.unchanged) unchanged, \(report.skipped.count) skipped.
                The index holds \(NumberFormatting.counted(summary.documents, "document")), \
                \(NumberFormatting.counted(summary.passages, "passage")) in \(NumberFormatting.counted(summary.segments, "segment")).
                """)
            if let line = Self.contentsLine(report) { print(line) }
            if let line = Self.unsupportedLine(report) { print(line) }
            if !report.skipped.isEmpty {
                print("Skipped \(report.skipped.count) file(s); see the messages above.")
            }
        }
        if !report.skipped.isEmpty { throw ExitCode(2) }
    }

    /// "Formats: 5 text, 2 HTML, 1 Word; encodings: 4 UTF-8, 2 GB18030, 1 Big5." — only when
    /// there is more to say than "all UTF-8 text".
    static func contentsLine(_ report: IndexReport) -> String? {
        let plain = report.formats.keys.allSatisfy { $0 == .text || $0 == .markdown } && report.encodings.keys.allSatisfy { $0 == "UTF-8" }
        guard !plain else { return nil }
        let formats = DocumentFormat.allCases.compactMap { format in
            report.formats[format].map { "\($0) \(format.displayName)" }
        }
        let encodings = report.encodings.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.value) \($0.key)" }
        return "Formats: \(formats.joined(separator: ", ")); encodings: \(encodings.joined(separator: ", "))."
    }

    /// "Skipped 3 files of unsupported formats (.pdf ×2, .doc ×1)."
    static func unsupportedLine(_ report: IndexReport) -> String? {
        guard !report.unsupported.isEmpty else { return nil }
        let kinds = IndexReport.extensionCounts(of: report.unsupported).map { "\($0.extension.isEmpty ? "no extension" : "." + $0.extension) ×\($0.count)" }
        let files = report.unsupported.count == 1 ? "file" : "files"
        return "Skipped \(report.unsupported.count) \(files) of unsupported formats (\(kinds.joined(separator: ", ")))."
    }
}
