import ArgumentParser
import Foundation
import Jiansuo

/// Measures Jiansuo on any folder against the targets in DESIGN.md: indexing speed (one
/// thread, all cores, and ICU word breaking alone as the bound), index size, open time,
/// warm query latency per query class, whole-process search time beside ripgrep, and peak
/// memory of indexing and searching. Prints a table and writes JSON.
@main
struct JiansuoBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jiansuo-bench",
        abstract: "Benchmark Jiansuo on folders of reports and compare with the targets in DESIGN.md.")

    @Argument(help: "Folders (or files) to index and query.")
    var folders: [String]

    @Option(help: "Write the figures as JSON to this file.")
    var json: String?

    @Option(help: "Where to build the index (default: a new folder under /tmp, removed afterwards).")
    var index: String?

    @Flag(help: "Use the index already in --index instead of building it (skips the indexing figures).")
    var reuseIndex = false

    @Flag(help: "Skip the single-thread indexing run.")
    var skipSingleThread = false

    @Option(help: "Megabytes of input over which to time ICU word breaking alone (default: all).")
    var icuMb: Int?

    @Option(help: "The phrase for whole-process timings and for rg.")
    var phrase = "代表建议"

    @Option(help: "Timed runs of each in-process query.")
    var repetitions = 20

    @Option(help: "Runs of each whole-process command.")
    var runs = 10

    @Option(help: "The jiansuo executable (default: the one built beside this program).")
    var jiansuo: String?

    @Option(help: "Queries to time in each form (id TAB text per line, e.g. Benchmarks/report-queries.tsv), beside tantivy and rg.")
    var queries: String?

    @Option(help: "Where tantivy's index of the folders is kept between runs (default: under /tmp, named after the folders).")
    var tantivyIndex: String?

    func run() throws {
        let corpus = try InputCorpus(folders: folders)
        let large = corpus.bytes >= 500_000_000
        let executable = jiansuo ?? ChildProcess.ownDirectory + "/jiansuo"
        guard access(executable, X_OK) == 0 else {
            throw BenchError("\(executable) not found: build it first with `swift build -c release --product jiansuo`, or pass --jiansuo")
        }
        let directory = index ?? "/tmp/jiansuo-bench-index-\(getpid())"
        var report = Report()
        report.record("folders", folders)
        report.record("inputBytes", corpus.bytes)
        report.record("files", corpus.files.count)
        report.record("cores", IndexWriter.coreCount)
        report.record("loadAverageAtStart", Clock.loadAverage)
        log("\(corpus.files.count) files, \(Show.megabytes(corpus.bytes)) of input; targets for \(large ? "the 1 GB corpus" : "../shared/corpus")")

        if !reuseIndex {
            try measureIndexing(corpus, executable: executable, directory: directory, report: &report)
        }
        try measureIndex(directory, corpus: corpus, large: large, report: &report)
        if let queries {
            try measureReportQueries(queries, directory: directory, executable: executable, large: large, report: &report)
        }
        try measureWholeProcess(corpus, executable: executable, directory: directory, large: large, report: &report)

        report.add("machine", "1-minute load average, start → end",
                   String(format: "%.2f → %.2f on %d cores", (report.json["loadAverageAtStart"] as? Double) ?? .nan,
                          Clock.loadAverage, IndexWriter.coreCount))
        report.record("loadAverageAtEnd", Clock.loadAverage)
        print(report.table())
        if let json { try report.jsonText().write(toFile: json, atomically: true, encoding: .utf8) }
        if index == nil { try? FileManager.default.removeItem(atPath: directory) }
    }

    func log(_ message: String) {
        FileHandle.standardError.write(Data(("· " + message + "\n").utf8))
    }

    // MARK: Indexing

    func measureIndexing(_ corpus: InputCorpus, executable: String, directory: String, report: inout Report) throws {
        let icuLimit = icuMb.map { $0 * 1_000_000 } ?? .max
        // Rates per wall second, and per CPU second (what the work costs a core; the same
        // on a busy machine, where wall time also counts waiting for a core).
        var bound = 0.0
        func rates(_ bytes: Int, wall: Double, cpu: Double) -> String {
            String(format: "%.2f MB/s (%.2f per CPU-s)", Double(bytes) / 1e6 / wall, Double(bytes) / 1e6 / cpu)
        }
        for route in WordBreakingProbe.Route.allCases {
            log("ICU word breaking alone, \(route.rawValue) route…")
            let result = try SegmentationBound.measure(corpus, route: route, limit: icuLimit)
            report.add("ICU alone", "word breaking, \(route.rawValue), 1 thread",
                       rates(result.bytes, wall: result.seconds, cpu: result.cpuSeconds),
                       target: route == .utf16 ? "17–19 MB/s (reference)" : "14–15 MB/s (reference)")
            report.record("icu_\(route.rawValue)", ["bytes": result.bytes, "words": result.words, "seconds": result.seconds,
                                                    "cpuSeconds": result.cpuSeconds,
                                                    "megabytesPerSecond": result.megabytesPerSecond,
                                                    "megabytesPerCPUSecond": result.megabytesPerCPUSecond])
            bound = max(bound, result.megabytesPerCPUSecond)
        }

        if !skipSingleThread {
            log("indexing in-process on 1 thread…")
            let singleDirectory = directory + "-1thread"
            try? FileManager.default.removeItem(atPath: singleDirectory)
            let start = Clock.now, cpuStart = Clock.cpuSeconds
            let writer = try IndexWriter(directory: singleDirectory, threads: 1)
            var bytes = 0
            for folder in folders { bytes += try writer.addFolder(folder).bytes }
            try writer.commit()
            let seconds = Clock.seconds(since: start), cpu = Clock.cpuSeconds - cpuStart
            try? FileManager.default.removeItem(atPath: singleDirectory)
            let rate = Double(bytes) / 1e6 / seconds, cpuRate = Double(bytes) / 1e6 / cpu
            report.add("indexing", "1 thread (in-process)", rates(bytes, wall: seconds, cpu: cpu)
                       + String(format: " = %.2f× ICU", cpuRate / bound),
                       target: "≥ 12 MB/s", met: rate >= 12)
            report.record("indexingOneThread", ["bytes": bytes, "seconds": seconds, "cpuSeconds": cpu, "megabytesPerSecond": rate,
                                                "megabytesPerCPUSecond": cpuRate, "ratioToICU": cpuRate / bound])
        }

        log("indexing with `jiansuo index` on all cores…")
        try? FileManager.default.removeItem(atPath: directory)
        let outcome = try ChildProcess.run(executable, ["index"] + folders + ["--index", directory, "--quiet"])
        guard outcome.status == 0 else { throw BenchError("jiansuo index failed with status \(outcome.status)") }
        let rate = Double(corpus.bytes) / 1e6 / outcome.seconds
        let cores = IndexWriter.coreCount
        report.add("indexing", "\(cores) cores (whole process)", rates(corpus.bytes, wall: outcome.seconds, cpu: outcome.cpuSeconds)
                   + String(format: ", %.2f cores busy", outcome.cpuSeconds / outcome.seconds),
                   target: "≥ 22 MB/s (2 cores)", met: rate >= 22)
        report.add("memory", "peak RSS, indexing", Show.megabytes(outcome.peakResidentBytes), target: "≤ 600 MB",
                   met: outcome.peakResidentBytes <= 600_000_000)
        report.record("indexingAllCores", ["cores": cores, "seconds": outcome.seconds, "cpuSeconds": outcome.cpuSeconds,
                                           "megabytesPerSecond": rate, "ratioToICU": rate / bound,
                                           "peakResidentBytes": outcome.peakResidentBytes])
    }

    // MARK: The index and in-process queries

    func measureIndex(_ directory: String, corpus: InputCorpus, large: Bool, report: inout Report) throws {
        let statistics = try Searcher(directory: directory).statistics()
        let input = Double(statistics.textBytes)
        var sizes: [String: Int] = [:]
        for (kind, bytes) in statistics.bytesByFileKind {
            sizes[kind] = bytes
            report.add("index size", kind, Show.megabytes(bytes) + String(format: " = %.3f×", Double(bytes) / input))
        }
        let words = ["terms", "postings", "positions"].reduce(0) { $0 + (sizes[$1] ?? 0) }
        let withoutText = sizes.filter { $0.key != "text" }.reduce(0) { $0 + $1.value }
        report.add("index size", "word postings with positions", String(format: "%.3f×", Double(words) / input),
                   target: "≤ 0.35×", met: Double(words) / input <= 0.35)
        report.add("index size", "everything but stored text", String(format: "%.3f×", Double(withoutText) / input),
                   target: "≤ 0.8×", met: Double(withoutText) / input <= 0.8)
        let whole = sizes.values.reduce(0, +)
        report.add("index size", "whole index folder", Show.megabytes(whole) + String(format: " = %.3f×", Double(whole) / input),
                   target: "≤ 1.5×", met: Double(whole) / input <= 1.5)
        report.record("indexBytesByKind", sizes)
        report.record("segments", statistics.segments)

        var opens: [Double] = []
        for _ in 0..<30 {
            let start = Clock.now
            _ = try Searcher(directory: directory)
            opens.append(Clock.seconds(since: start))
        }
        let open = Latency(samples: opens)
        report.add("open", "index open time (p50)", Show.milliseconds(open.p50), target: "flat in index size")
        report.record("openTime", open.json)

        log("choosing queries from the text…")
        let queries = try QuerySampler(corpus)
        let searcher = try Searcher(directory: directory)
        let termTarget = large ? (p50: 1e-3, p99: 10e-3) : (p50: 0.1e-3, p99: 1e-3)
        let phraseTarget = large ? (p50: 3e-3, p99: Double.infinity) : (p50: 0.1e-3, p99: 1e-3)
        let currentYear = Calendar.current.component(.year, from: Date())
        let classes: [(String, [String], (p50: Double, p99: Double)?, (String) throws -> Void)] = [
            ("rare term", queries.rareTerms, termTarget, { _ = try searcher.search($0) }),
            ("common term", queries.commonTerms, termTarget, { _ = try searcher.search($0) }),
            ("2-term AND", queries.termPairs, termTarget, { _ = try searcher.search($0) }),
            ("3-term OR", queries.termTriples.map { $0.split(separator: " ").joined(separator: " OR ") }, termTarget, {
                _ = try searcher.search($0)
            }),
            ("2-word phrase", queries.twoWordPhrases, phraseTarget, { _ = try searcher.search($0) }),
            ("3-word phrase", queries.threeWordPhrases, phraseTarget, { _ = try searcher.search($0) }),
            // The same runs typed without quotes: matched as typed, ranked by their words.
            ("2-word run, unquoted", queries.twoWordPhrases.map { $0.replacingOccurrences(of: "\"", with: "") }, phraseTarget, {
                _ = try searcher.search($0)
            }),
            ("phrase, years \(currentYear - 10)–\(currentYear)", queries.twoWordPhrases, nil, {
                _ = try searcher.search($0, options: SearchOptions(years: currentYear - 10...currentYear))
            }),
            ("count by year (phrase)", queries.twoWordPhrases, nil, { _ = try searcher.countByYear($0) }),
        ]
        var latencies: [String: Any] = [:]
        for (name, list, target, run) in classes {
            log("timing \(name) (\(list.count) queries × \(repetitions))…")
            var samples: [Double] = []
            for query in list {
                try run(query)  // warm
                for _ in 0..<repetitions {
                    let start = Clock.now
                    try run(query)
                    samples.append(Clock.seconds(since: start))
                }
            }
            let latency = Latency(samples: samples)
            let value = "p50 \(Show.milliseconds(latency.p50)), p95 \(Show.milliseconds(latency.p95)), p99 \(Show.milliseconds(latency.p99))"
            if let target {
                let p99Text = target.p99.isFinite ? ", p99 ≤ \(Show.milliseconds(target.p99))" : ""
                report.add("latency", name, value, target: "p50 ≤ \(Show.milliseconds(target.p50))\(p99Text)",
                           met: latency.p50 <= target.p50 && latency.p99 <= target.p99)
            } else {
                report.add("latency", name, value)
            }
            latencies[name] = latency.json.merging(["queries": list]) { a, _ in a }
        }
        report.record("latency", latencies)
    }

    // MARK: Whole processes

    func measureWholeProcess(_ corpus: InputCorpus, executable: String, directory: String, large: Bool, report: inout Report) throws {
        let target = large ? 30e-3 : 20e-3
        var peak = 0
        var whole: [String: Any] = [:]
        for (name, arguments) in [("search", ["search", "\"\(phrase)\"", "--index", directory, "--json"]),
                                  ("count", ["count", "\"\(phrase)\"", "--index", directory, "--json"])] {
            var times: [Double] = []
            for _ in 0..<runs {
                let outcome = try ChildProcess.run(executable, arguments)
                guard outcome.status == 0 else { throw BenchError("jiansuo \(name) failed with status \(outcome.status)") }
                times.append(outcome.seconds)
                peak = max(peak, outcome.peakResidentBytes)
            }
            let latency = Latency(samples: times)
            report.add("whole process", "jiansuo \(name) \"\(phrase)\" (median)", Show.milliseconds(latency.p50),
                       target: "≤ \(Show.milliseconds(target))", met: latency.p50 <= target)
            whole[name] = latency.json
        }
        report.add("memory", "peak RSS, searching", Show.megabytes(peak))
        whole["peakResidentBytes"] = peak
        if let rg = ChildProcess.find("rg") {
            var times: [Double] = []
            for _ in 0..<runs {
                let outcome = try ChildProcess.run(rg, ["-c", phrase] + folders)
                times.append(outcome.seconds)
            }
            let latency = Latency(samples: times)
            report.add("whole process", "rg -c \(phrase) (median)", Show.milliseconds(latency.p50),
                       target: large ? "~290 ms (reference)" : "~9 ms (reference)")
            whole["rg"] = latency.json
        } else {
            report.add("whole process", "rg -c \(phrase)", "rg not installed")
            whole["rg"] = "not installed"
        }
        report.record("wholeProcess", whole)
    }
}
