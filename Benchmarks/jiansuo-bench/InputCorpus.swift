import Foundation
import Jiansuo

/// The files the benchmark indexes: every `.txt` and `.md` file under the folders given,
/// as `jiansuo index` takes them.
struct InputCorpus {
    let folders: [String]
    let files: [String]
    let bytes: Int

    init(folders: [String]) throws {
        self.folders = folders
        var files: [String] = []
        var bytes = 0
        for folder in folders {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
                throw BenchError("\(folder): no such file or folder")
            }
            let paths: [String]
            if isDirectory.boolValue {
                let enumerator = FileManager.default.enumerator(atPath: folder)
                var found: [String] = []
                while let relative = enumerator?.nextObject() as? String {
                    if relative.hasSuffix(".txt") || relative.hasSuffix(".md") { found.append(folder + "/" + relative) }
                }
                paths = found.sorted()
            } else {
                paths = [folder]
            }
            for path in paths {
                bytes += (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            }
            files += paths
        }
        self.files = files
        self.bytes = bytes
    }

    /// Calls `body` with each file's bytes, until `limit` bytes have been passed.
    func forEachFile(upTo limit: Int = .max, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        var passed = 0
        for path in files where passed < limit {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            passed += data.count
            try [UInt8](data).withUnsafeBufferPointer { try body($0) }
        }
    }
}

/// ICU word breaking alone over the corpus: the bound indexing is compared with.
enum SegmentationBound {
    struct Result {
        var route: WordBreakingProbe.Route
        var bytes: Int
        var words: Int
        var seconds: Double
        var cpuSeconds: Double
        var megabytesPerSecond: Double { Double(bytes) / 1e6 / seconds }
        var megabytesPerCPUSecond: Double { Double(bytes) / 1e6 / cpuSeconds }
    }

    static func measure(_ corpus: InputCorpus, route: WordBreakingProbe.Route, limit: Int) throws -> Result {
        let probe = try WordBreakingProbe()
        var bytes = 0, words = 0
        let start = Clock.now, cpuStart = Clock.cpuSeconds
        try corpus.forEachFile(upTo: limit) { utf8 in
            bytes += utf8.count
            words += try probe.countWords(in: utf8, route: route)
        }
        return Result(
            route: route, bytes: bytes, words: words, seconds: Clock.seconds(since: start),
            cpuSeconds: Clock.cpuSeconds - cpuStart)
    }
}
