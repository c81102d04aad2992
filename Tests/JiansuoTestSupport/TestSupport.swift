import Foundation
import Testing
import Jiansuo

/// Where things are for tests: the repository, the shared corpus beside it, the built CLI.
package enum TestSupport {
    package static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the repository, or `$JIANSUO_SHARED`.
    package static let shared: URL = {
        if let path = ProcessInfo.processInfo.environment["JIANSUO_SHARED"] { return URL(fileURLWithPath: path) }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    package static var sharedCorpus: URL { shared.appendingPathComponent("corpus") }

    /// Tests that read ../shared run only where it exists; elsewhere they are skipped with this reason.
    package static let sharedIsAvailable = FileManager.default.fileExists(
        atPath: shared.appendingPathComponent("corpus/gov-work-reports").path)
    package static let sharedMissing = "../shared/corpus is absent (set JIANSUO_SHARED to its path to run this test)"

    /// The `jiansuo` executable built beside the test bundle.
    package static let executable: URL = {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("jiansuo")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return repositoryRoot.appendingPathComponent(".build/debug/jiansuo")
    }()

    /// A new empty directory, removed when the process ends. Its name holds letters only
    /// after the label: a random run of digits such as `2064` would be taken for a year.
    package static func temporaryDirectory(_ label: String = "jiansuo") -> URL {
        let letters = UUID().uuidString.unicodeScalars.map { scalar in
            Character(Unicode.Scalar(scalar.properties.numericType != nil ? scalar.value - 0x30 + 0x67 : scalar.value) ?? "x")
        }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(String(letters))", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    package struct Output {
        package var status: Int32
        package var standardOutput: String
        package var standardError: String

        package init(status: Int32, standardOutput: String, standardError: String) {
            self.status = status
            self.standardOutput = standardOutput
            self.standardError = standardError
        }
    }

    /// Runs the CLI (or `executable`) with `arguments` in `directory`, returning its exit
    /// status and output.
    package static func run(_ arguments: [String], in directory: URL? = nil, executable: URL = executable) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self))
    }

    /// All `.txt` files under `folder`, sorted, as paths.
    package static func textFiles(under folder: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        var paths: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "txt" { paths.append(url.path) }
        }
        return paths.sorted()
    }
}

/// A passage of a real document, analyzed independently of the index: the oracle side.
package struct ScannedPassage {
    package let path: String
    package let range: Range<Int>
    package let terms: [String]
    /// `Analyzer.phraseText` of the passage, as scalars.
    package let characters: [UInt32]
}

/// The shared government work reports, indexed once per test run, and the same files split
/// and analyzed directly, for comparing the index with a brute-force scan.
package final class SharedCorpusIndex: Sendable {
    package let directory: String
    package let searcher: Searcher
    package let passages: [ScannedPassage]
    /// For each term, the indices into `passages` of the passages holding it: built by
    /// scanning every passage's terms, to narrow the oracle's brute-force phrase checks.
    package let passagesByTerm: [String: [Int]]
    /// The same for characters of the passages' phrase text.
    package let passagesByCharacter: [UInt32: [Int]]

    /// The shared government work reports, or, where ../shared is absent, reports generated
    /// at test time (`GeneratedReports`), so the oracles run everywhere.
    package static let governmentReports: SharedCorpusIndex? = try? SharedCorpusIndex(folder: reportsFolder)

    package static var reportsFolder: URL {
        TestSupport.sharedIsAvailable
            ? TestSupport.sharedCorpus.appendingPathComponent("gov-work-reports") : GeneratedReports.folder
    }

    package init(folder: URL) throws {
        directory = TestSupport.temporaryDirectory("shared-index").path
        let writer = try IndexWriter(directory: directory)
        // The oracles scan whole files dated by their folders; years from headings are
        // checked on their own (DocumentStructureTests).
        writer.headingYears = false
        let report = try writer.addFolder(folder.path)
        precondition(report.skipped.isEmpty, "unexpected skipped files: \(report.skipped)")
        try writer.commit()
        searcher = try Searcher(directory: directory)

        let analyzer = try Analyzer()
        let splitter = PassageSplitter()
        var passages: [ScannedPassage] = []
        for path in TestSupport.textFiles(under: folder) {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let utf8 = Array(text.utf8)
            for range in splitter.passages(in: text) {
                let passageText = String(decoding: utf8[range], as: UTF8.self)
                passages.append(ScannedPassage(
                    path: path, range: range, terms: try analyzer.tokens(in: passageText).map(\.term),
                    characters: analyzer.phraseText(passageText).unicodeScalars.map(\.value)))
            }
        }
        self.passages = passages
        var passagesByTerm: [String: [Int]] = [:]
        for (index, passage) in passages.enumerated() {
            for term in Set(passage.terms) { passagesByTerm[term, default: []].append(index) }
        }
        self.passagesByTerm = passagesByTerm
        var passagesByCharacter: [UInt32: [Int]] = [:]
        for (index, passage) in passages.enumerated() {
            for character in Set(passage.characters) { passagesByCharacter[character, default: []].append(index) }
        }
        self.passagesByCharacter = passagesByCharacter
    }

    /// How often `text` (phrase-text scalars) occurs in each passage whose phrase text
    /// contains it, counted as `rg` counts (left to right, without overlaps): the brute-force
    /// oracle for exact phrases.
    package func scanCharacters(_ text: [UInt32]) -> [Int: Int] {
        guard let rarest = text.min(by: { (passagesByCharacter[$0]?.count ?? 0) < (passagesByCharacter[$1]?.count ?? 0) })
        else { return [:] }
        var found: [Int: Int] = [:]
        for index in passagesByCharacter[rarest] ?? [] {
            let characters = passages[index].characters
            let count = Self.occurrences(of: text, in: characters)
            if count > 0 { found[index] = count }
        }
        return found
    }

    /// How often `phrase` occurs in each passage where it occurs at all (without overlaps):
    /// the oracle.
    package func scan(_ phrase: [String]) -> [Int: Int] {
        var found: [Int: Int] = [:]
        for index in passagesByTerm[phrase[0]] ?? [] {
            let count = Self.occurrences(of: phrase, in: passages[index].terms)
            if count > 0 { found[index] = count }
        }
        return found
    }

    /// Occurrences of `needle` in `haystack`, left to right, each starting after the last ended.
    package static func occurrences<Element: Equatable>(of needle: [Element], in haystack: [Element]) -> Int {
        var count = 0, start = 0
        while start + needle.count <= haystack.count {
            if needle.indices.allSatisfy({ haystack[start + $0] == needle[$0] }) {
                count += 1
                start += needle.count
            } else {
                start += 1
            }
        }
        return count
    }
}

/// A small deterministic random generator (SplitMix64), so sampled tests repeat exactly.
package struct SeededGenerator: RandomNumberGenerator {
    package var state: UInt64

    package init(state: UInt64) {
        self.state = state
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
