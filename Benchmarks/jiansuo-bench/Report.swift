import Foundation

/// The benchmark's figures: a table for people, each figure beside its target, and JSON.
struct Report {
    struct Row {
        var section: String
        var name: String
        var value: String
        var target: String
        /// nil when there is no target to meet.
        var met: Bool?
    }

    private(set) var rows: [Row] = []
    private(set) var json: [String: Any] = [:]

    mutating func add(_ section: String, _ name: String, _ value: String, target: String = "", met: Bool? = nil) {
        rows.append(Row(section: section, name: name, value: value, target: target, met: met))
    }

    mutating func record(_ key: String, _ value: Any) {
        json[key] = value
    }

    func table() -> String {
        let header = ["", "measure", "value", "target", ""]
        var lines = [header]
        var lastSection = ""
        for row in rows {
            let verdict = row.met.map { $0 ? "ok" : "MISSED" } ?? ""
            lines.append([row.section == lastSection ? "" : row.section, row.name, row.value, row.target, verdict])
            lastSection = row.section
        }
        let widths = (0..<header.count).map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.map { line in
            line.enumerated().map { column, cell in
                cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }

    func jsonText() throws -> String {
        var object = json
        object["table"] = rows.map { row in
            ["section": row.section, "name": row.name, "value": row.value, "target": row.target,
             "met": row.met.map { $0 ? "yes" : "no" } ?? "n/a"]
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}

/// Latency percentiles over many timed runs.
struct Latency {
    var samples: [Double]

    func percentile(_ p: Double) -> Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)]
    }

    var p50: Double { percentile(50) }
    var p95: Double { percentile(95) }
    var p99: Double { percentile(99) }

    var json: [String: Any] {
        ["p50Milliseconds": p50 * 1e3, "p95Milliseconds": p95 * 1e3, "p99Milliseconds": p99 * 1e3, "samples": samples.count]
    }
}

enum Show {
    static func milliseconds(_ seconds: Double) -> String {
        let ms = seconds * 1e3
        return ms < 1 ? String(format: "%.3f ms", ms) : ms < 100 ? String(format: "%.2f ms", ms) : String(format: "%.0f ms", ms)
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1e6)
    }

    static func rate(_ value: Double) -> String {
        String(format: "%.2f MB/s", value)
    }
}
