import Dispatch
import Synchronization

/// A file to index, with the metadata that overrides detection.
struct FileJob: Sendable {
    var path: String
    var year: Int?
    var title: String?
    /// Where the document comes from (a publication, an archive), as a metadata sidecar says.
    var source: String? = nil
    /// Forces the encoding of a text or HTML file.
    var encoding: String? = nil
    /// Whether passages take the years their headings name (`SegmentBuilder.add`).
    var headingYears = true
}

/// A file read and analyzed into a builder of its own, or the reason it could not be.
struct AnalyzedFile: Sendable {
    var path: String
    var result: Result<(builder: SegmentBuilder, content: DocumentSummary), JiansuoError>
}

/// What indexing a file reports about it, without its text.
struct DocumentSummary: Sendable {
    var format: DocumentFormat
    var encoding: String
    var fileSize: Int
}

/// Reads and analyzes files on several threads. Documents are independent, so each file
/// gets its own small `SegmentBuilder`; the caller appends them in file order, which keeps
/// the index identical whatever the thread count.
enum ParallelAnalysis {
    static func analyze(
        _ jobs: [FileJob], threads: Int, splitter: PassageSplitter, dictionary: UserDictionary?
    ) -> [AnalyzedFile] {
        let next = Atomic<Int>(0)
        let results = Mutex<[AnalyzedFile?]>(Array(repeating: nil, count: jobs.count))
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, jobs.count))) { _ in
            let analyzer: Analyzer
            do throws(JiansuoError) {
                analyzer = try Analyzer(dictionary: dictionary)
            } catch {
                // Without ICU no file can be analyzed; every job left reports why.
                while case let index = next.wrappingAdd(1, ordering: .relaxed).oldValue, index < jobs.count {
                    results.withLock { $0[index] = AnalyzedFile(path: jobs[index].path, result: .failure(error)) }
                }
                return
            }
            while case let index = next.wrappingAdd(1, ordering: .relaxed).oldValue, index < jobs.count {
                let analyzed = analyzeFile(jobs[index], splitter: splitter, analyzer: analyzer)
                results.withLock { $0[index] = analyzed }
            }
        }
        return results.withLock { slots in
            slots.enumerated().map { index, slot in
                slot ?? AnalyzedFile(path: jobs[index].path, result: .failure(.internalError("file not analyzed by any thread")))
            }
        }
    }

    /// Reads one file in whatever format and encoding it has, and analyzes its text (the
    /// decoder refuses binary files, NUL bytes included). An empty file is indexed as a
    /// document without passages, so that re-indexing knows it and nothing is reported.
    static func analyzeFile(_ job: FileJob, splitter: PassageSplitter, analyzer: Analyzer) -> AnalyzedFile {
        do throws(JiansuoError) {
            let status = try FileSystem.status(job.path)
            let content = try DocumentReader.read(job.path, encoding: job.encoding)
            let identity = status.map { FileIdentity(size: $0.size, modificationNanoseconds: $0.modificationNanoseconds) }
            var titled = job
            titled.title = job.title ?? content.title
            let builder = try content.utf8.withUnsafeBufferPointer { utf8 throws(JiansuoError) in
                try analyze(
                    titled, utf8: utf8, headings: content.headings, file: identity, splitter: splitter, analyzer: analyzer)
            }
            let summary = DocumentSummary(format: content.format, encoding: content.encoding, fileSize: content.fileSize)
            return AnalyzedFile(path: job.path, result: .success((builder, summary)))
        } catch {
            return AnalyzedFile(path: job.path, result: .failure(error))
        }
    }

    /// Years are stored in 16 bits, 0 meaning unknown.
    static func validate(year: Int) throws(JiansuoError) {
        guard (1...9999).contains(year) else { throw .invalidArgument("year \(year) is out of range 1–9999") }
    }

    /// Analyzes text already in memory into a new single-document builder.
    static func analyze(
        _ job: FileJob, utf8: UnsafeBufferPointer<UInt8>, headings: [MarkedHeading] = [], file: FileIdentity?,
        splitter: PassageSplitter, analyzer: Analyzer
    ) throws(JiansuoError) -> SegmentBuilder {
        if let year = job.year {
            do { try validate(year: year) } catch { throw .invalidArgument("\(job.path): \(error)") }
        }
        guard utf8.count < Int(UInt32.max) else {
            throw .io(path: job.path, operation: "index", reason: "files of 4 GiB or more are not supported")
        }
        var builder = SegmentBuilder()
        try builder.add(
            path: job.path, title: job.title ?? DocumentTitle.title(path: job.path, text: utf8, boilerplate: splitter.boilerplate),
            source: job.source,
            year: job.year ?? YearDetection.year(path: job.path, text: utf8), headingYears: job.headingYears,
            utf8: utf8, headings: headings, file: file, splitter: splitter, analyzer: analyzer)
        return builder
    }
}
