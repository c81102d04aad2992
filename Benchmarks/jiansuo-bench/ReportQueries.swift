import Foundation
import Jiansuo

/// Queries from a file (`--queries`: id TAB text per line, as in Benchmarks/report-queries.tsv),
/// each timed in its forms: its words ANDed (Jiansuo's default), ORed, as a quoted phrase,
/// and counted by year as a phrase; beside them, when Python has `tantivy` and `icu`
/// (PyICU), the same files and queries in tantivy (Benchmarks/tantivy-stick.py), and the
/// phrase as whole processes beside `rg -c`.
struct ReportQueries {
    struct Query {
        var id: String
        var text: String
        /// The query's ICU words (folded), which both engines are given.
        var words: [String]
    }

    enum Form: String, CaseIterable {
        case and, or, phrase, countByYear = "count by year"
    }

    let queries: [Query]

    init(file: String) throws {
        let analyzer = try Analyzer()
        var queries: [Query] = []
        for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        where !line.hasPrefix("#") && !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2 else { throw BenchError("\(file): expected id TAB text, found \(line)") }
            let text = String(fields[1])
            let words = try analyzer.tokens(in: text).map(\.term)
            guard !words.isEmpty else { throw BenchError("\(file): query \(fields[0]) holds no words") }
            queries.append(Query(id: String(fields[0]), text: text, words: words))
        }
        self.queries = queries
    }

    /// Median seconds of each query in each form, in-process, one thread, top 10.
    func timeJiansuo(_ searcher: Searcher, repetitions: Int) throws -> [Form: [String: Double]] {
        var result: [Form: [String: Double]] = [:]
        for query in queries {
            let words = query.words.joined(separator: " ")
            let phrase = "\"\(query.text)\""
            let runs: [(Form, () throws -> Void)] = [
                (.and, { _ = try searcher.search(words) }),
                (.or, { _ = try searcher.search(words, options: SearchOptions(defaultOperator: .any)) }),
                (.phrase, { _ = try searcher.search(phrase) }),
                (.countByYear, { _ = try searcher.trendByYear(phrase) }),
            ]
            for (form, run) in runs {
                try run()  // warm
                var samples: [Double] = []
                for _ in 0..<repetitions {
                    let start = Clock.now
                    try run()
                    samples.append(Clock.seconds(since: start))
                }
                result[form, default: [:]][query.id] = Latency(samples: samples).p50
            }
        }
        return result
    }

    /// Whether the tantivy stick can run here.
    static var tantivyAvailable: Bool {
        guard let python = ChildProcess.find("python3"),
              let outcome = try? ChildProcess.run(python, ["-c", "import tantivy, icu"]) else { return false }
        return outcome.status == 0
    }

    /// Benchmarks/tantivy-stick.py, found above this program's build folder.
    static func tantivyScript() throws -> String {
        var directory = URL(fileURLWithPath: ChildProcess.ownDirectory)
        while directory.path != "/" {
            let script = directory.appendingPathComponent("Benchmarks/tantivy-stick.py").path
            if FileManager.default.fileExists(atPath: script) { return script }
            directory.deleteLastPathComponent()
        }
        throw BenchError("Benchmarks/tantivy-stick.py not found above \(ChildProcess.ownDirectory)")
    }

    /// Runs Benchmarks/tantivy-stick.py over `folders` (its index in `index`, kept for the next
    /// run); per form, per query id, median seconds, and the size of tantivy's index.
    func timeTantivy(
        folders: [String], index: String, queryFile: String, repetitions: Int
    ) throws -> (times: [Form: [String: Double]], indexBytes: Int, indexSeconds: Double?) {
        guard let python = ChildProcess.find("python3") else { throw BenchError("python3 not found") }
        let script = try Self.tantivyScript()
        let output = "/tmp/jiansuo-bench-tantivy-\(getpid()).json"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let outcome = try ChildProcess.run(
            python, [script, "--index", index, "--queries", queryFile, "--json", output, "--repetitions", String(repetitions)] + folders)
        guard outcome.status == 0 else { throw BenchError("\(script) failed with status \(outcome.status)") }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any] ?? [:]
        var times: [Form: [String: Double]] = [:]
        for (id, value) in json["queries"] as? [String: [String: Any]] ?? [:] {
            for (form, timing) in value["forms"] as? [String: [String: Any]] ?? [:] {
                guard let form = Form(rawValue: form), let p50 = timing["p50"] as? Double else { continue }
                times[form, default: [:]][id] = p50
            }
        }
        return (times, json["indexBytes"] as? Int ?? 0, json["indexSeconds"] as? Double)
    }
}

extension JiansuoBench {
    /// The query file's figures: per form the median over queries of each query's median,
    /// tantivy's beside it with the ratio, and each query as a phrase in a whole process
    /// beside `rg -c` over the same folders.
    func measureReportQueries(
        _ file: String, directory: String, executable: String, large: Bool, report: inout Report
    ) throws {
        let list = try ReportQueries(file: file)
        log("timing the \(list.queries.count) queries of \(file) in-process, each form × \(repetitions)…")
        let jiansuoTimes = try list.timeJiansuo(try Searcher(directory: directory), repetitions: repetitions)
        var tantivyTimes: [ReportQueries.Form: [String: Double]] = [:]
        var json: [String: Any] = ["queries": list.queries.map { ["id": $0.id, "text": $0.text, "words": $0.words] }]
        if ReportQueries.tantivyAvailable {
            let stickIndex = tantivyIndex ?? "/tmp/jiansuo-bench-tantivy-" + folders.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: "-")
            log("tantivy over the same files (its index in \(stickIndex), kept for the next run)…")
            let tantivy = try list.timeTantivy(folders: folders, index: stickIndex, queryFile: file, repetitions: repetitions)
            tantivyTimes = tantivy.times
            let input = Double((report.json["inputBytes"] as? Int) ?? 1)
            report.add("tantivy", "index size (whole files, ICU words)",
                       Show.megabytes(tantivy.indexBytes) + String(format: " = %.3f×", Double(tantivy.indexBytes) / input))
            json["tantivyIndexBytes"] = tantivy.indexBytes
            if let seconds = tantivy.indexSeconds { json["tantivyIndexSeconds"] = seconds }
        } else {
            report.add("tantivy", "python3 -c 'import tantivy, icu'", "fails: tantivy not measured")
        }
        for form in ReportQueries.Form.allCases {
            let ours = Latency(samples: Array((jiansuoTimes[form] ?? [:]).values))
            var value = "p50 \(Show.milliseconds(ours.p50)), max \(Show.milliseconds(ours.percentile(100)))"
            var target = "", met: Bool?
            if let theirs = tantivyTimes[form].map({ Latency(samples: Array($0.values)) }) {
                value += String(format: "; tantivy p50 %@ = %.2f×", Show.milliseconds(theirs.p50), ours.p50 / theirs.p50)
                if form == .and || form == .or {
                    target = "≤ 1× tantivy"
                    met = ours.p50 <= theirs.p50
                }
                json["tantivy_\(form.rawValue)"] = tantivyTimes[form] ?? [:]
            } else if form == .countByYear {
                target = "p50 ≤ \(Show.milliseconds(5e-3))"
                met = ours.p50 <= 5e-3
            }
            report.add("report queries", "\(form.rawValue), top 10, 1 thread", value, target: target, met: met)
            json[form.rawValue] = jiansuoTimes[form] ?? [:]
        }

        log("each query as a phrase, whole process, beside rg -c (\(runs) runs each)…")
        let rg = ChildProcess.find("rg")
        var ours: [Double] = [], ratios: [Double] = [], worst = (ratio: 0.0, id: "")
        var wholeJSON: [String: Any] = [:]
        for query in list.queries {
            var times: [Double] = [], rgTimes: [Double] = []
            for _ in 0..<runs {
                let outcome = try ChildProcess.run(executable, ["search", "\"\(query.text)\"", "--index", directory])
                guard outcome.status == 0 else { throw BenchError("jiansuo search failed with status \(outcome.status)") }
                times.append(outcome.seconds)
                if let rg { rgTimes.append(try ChildProcess.run(rg, ["-c", query.text] + folders).seconds) }
            }
            let median = Latency(samples: times).p50
            ours.append(median)
            var entry: [String: Any] = ["jiansuoMilliseconds": median * 1e3]
            if !rgTimes.isEmpty {
                let ratio = median / Latency(samples: rgTimes).p50
                ratios.append(ratio)
                if ratio > worst.ratio { worst = (ratio, query.id) }
                entry["rgMilliseconds"] = Latency(samples: rgTimes).p50 * 1e3
            }
            wholeJSON[query.id] = entry
        }
        let target = large ? 30e-3 : 20e-3
        let slowest = ours.max() ?? .nan
        report.add("report queries", "phrase, whole process (median; slowest query)",
                   "\(Show.milliseconds(Latency(samples: ours).p50)); \(Show.milliseconds(slowest))",
                   target: "≤ \(Show.milliseconds(target)) each", met: slowest <= target)
        if !ratios.isEmpty {
            report.add("report queries", "phrase ÷ rg -c, whole process (median; worst)",
                       String(format: "%.3f×; %.3f× (%@)", Latency(samples: ratios).p50, worst.ratio, worst.id),
                       target: "≤ 0.15× each", met: worst.ratio <= 0.15)
        }
        json["wholeProcessPhrase"] = wholeJSON
        report.record("reportQueries", json)
    }
}
