#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import Jiansuo

/// Kills `jiansuo index` with SIGKILL at random moments — while tokenizing, writing
/// segments, merging, committing and cleaning up — and checks after each kill that the index
/// opens, passes `IndexChecker`, and holds exactly the last committed state or the one the
/// killed run was committing; then that the next run finishes the job and removes the
/// files the killed one left.
///
/// Runs `JIANSUO_CRASH_KILLS` kills (default 12, to keep CI quick; the full run is 50:
/// `JIANSUO_CRASH_KILLS=50 swift test --filter CrashSafetyTests`).
@Suite(.enabled(if: TestSupport.sharedIsAvailable, Comment(rawValue: TestSupport.sharedMissing)))
struct CrashSafetyTests {
    static let kills = ProcessInfo.processInfo.environment["JIANSUO_CRASH_KILLS"].flatMap(Int.init) ?? 12
    static let crashPoints = [
        "analyzed", "segment-written", "deletions-written", "merge-written", "manifest-temporary-written",
        "committed", "file-removed",
    ]
    static let source = TestSupport.sharedCorpus.appendingPathComponent("gov-work-reports")

    /// The two folder states the runs go back and forth between: 2010–2016 and 2019 as
    /// published; or 2012–2019 with one report changed and a new note.
    static func arrange(_ folder: URL, variant: Int) throws {
        let manager = FileManager.default
        try? manager.removeItem(at: folder)
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let years = variant == 0 ? Array(2010...2016) + [2019] : Array(2012...2019)
        for year in years {
            try manager.copyItem(at: source.appendingPathComponent(String(year)), to: folder.appendingPathComponent(String(year)))
        }
        if variant == 1 {
            let changed = TestSupport.textFiles(under: folder.appendingPathComponent("2015"))[0]
            try (try String(contentsOfFile: changed, encoding: .utf8) + "\n\n补充：代表建议全部办结，人民代表满意。\n")
                .write(toFile: changed, atomically: true, encoding: .utf8)
            try "2019年，改革发展会议纪要：经济发展，代表建议。".write(
                to: folder.appendingPathComponent("2019/note.txt"), atomically: true, encoding: .utf8)
        }
    }

    /// The fingerprint of a fresh index of the folder in `variant`, built in-process.
    static func reference(variant: Int) throws -> IndexFingerprint {
        let folder = TestSupport.temporaryDirectory("crash-reference").appendingPathComponent("reports")
        try arrange(folder, variant: variant)
        let index = TestSupport.temporaryDirectory("crash-reference-index").path
        let writer = try IndexWriter(directory: index)
        // The harness indexes `reports` by this path too.
        try writer.addFolder(folder.path)
        try writer.commit()
        return try IndexFingerprint(directory: index).replacingFolder(folder.path, with: "reports")
    }

    struct Run {
        var killed: Bool
        var status: Int32
        var standardError: String
    }

    /// Runs `jiansuo index` in `workspace` on `reports`, killing it after `delay` seconds
    /// (if it is still running) or letting it crash itself at `crashPoint`.
    static func index(in workspace: URL, killAfter delay: Double?, crashPoint: String?) throws -> Run {
        let process = Process()
        process.executableURL = TestSupport.executable
        process.arguments = ["index", "reports", "--index", "index", "--quiet", "--buffer-mb", "1", "--merge-factor", "3"]
        process.currentDirectoryURL = workspace
        var environment = ProcessInfo.processInfo.environment
        environment["JIANSUO_CRASH_AT"] = crashPoint
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        if let delay {
            usleep(useconds_t(delay * 1e6))
            kill(process.processIdentifier, SIGKILL)
        }
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            killed: process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
            status: process.terminationStatus, standardError: String(decoding: errorData, as: UTF8.self))
    }

    @Test func killedAtAnyMomentTheIndexHoldsTheLastCommitOrTheNext() throws {
        let workspace = TestSupport.temporaryDirectory("crash")
        let folder = workspace.appendingPathComponent("reports")
        let indexPath = workspace.appendingPathComponent("index").path
        let references = [try Self.reference(variant: 0), try Self.reference(variant: 1)]
        #expect(references[0] != references[1])

        try Self.arrange(folder, variant: 0)
        let clock = ContinuousClock()
        let started = clock.now
        let first = try Self.index(in: workspace, killAfter: nil, crashPoint: nil)
        #expect(first.status == 0, "\(first.standardError)")
        let runSeconds = max(0.2, Format.seconds(clock.now - started))
        var committed = 0  // the variant the index holds
        #expect(try IndexFingerprint(directory: indexPath).replacingFolder(folder.path, with: "reports") == references[0])

        var generator = SeededGenerator(state: 20_260_512)
        var kills = 0, attempts = 0, byPoint: [String: Int] = [:]
        while kills < Self.kills && attempts < Self.kills * 4 {
            attempts += 1
            let target = 1 - committed
            try Self.arrange(folder, variant: target)
            // Every third kill at a named point, so commit and merge moments are sure to be hit.
            let point = attempts % 3 == 0 ? Self.crashPoints[(attempts / 3) % Self.crashPoints.count] : nil
            let delay = point == nil ? Double.random(in: 0.02...(runSeconds * 1.1), using: &generator) : nil
            let run = try Self.index(in: workspace, killAfter: delay, crashPoint: point)
            if run.killed {
                kills += 1
                byPoint[point ?? "random", default: 0] += 1
            } else {
                #expect(run.status == 0, "\(run.standardError)")
            }
            let check = IndexChecker.check(directory: indexPath)
            #expect(check.isClean, "after kill \(kills) (\(point ?? "delay \(delay ?? 0)")): \(check.problems)")
            let state = try IndexFingerprint(directory: indexPath).replacingFolder(folder.path, with: "reports")
            guard let variant = references.firstIndex(of: state) else {
                Issue.record("after kill \(kills) (\(point ?? "delay \(delay ?? 0)")) the index is neither committed state: \(state)")
                return
            }
            #expect(variant == committed || variant == target)
            committed = variant
            // Now and then, let a run finish: it completes the job and leaves no orphans.
            if attempts % 4 == 0 {
                let finish = try Self.index(in: workspace, killAfter: nil, crashPoint: nil)
                #expect(finish.status == 0, "\(finish.standardError)")
                committed = target
                #expect(try IndexFingerprint(directory: indexPath).replacingFolder(folder.path, with: "reports") == references[target])
                let after = IndexChecker.check(directory: indexPath)
                #expect(after.isClean && after.notes.isEmpty, "\(after.problems) \(after.notes)")
            }
        }
        #expect(kills >= Self.kills, "only \(kills) of \(attempts) runs were killed before finishing")
        print("CrashSafetyTests: \(kills) kills in \(attempts) runs, by moment: \(byPoint.sorted { $0.key < $1.key })")
    }
}

extension IndexFingerprint {
    /// The same fingerprint with paths under `folder` shown relative to `name`, so indexes of
    /// copies in different places compare equal.
    func replacingFolder(_ folder: String, with name: String) -> IndexFingerprint {
        var copy = self
        let replace = { (text: String) in text.replacingOccurrences(of: folder, with: name) }
        copy.contents = contents.map(replace).sorted()
        copy.hits = hits.mapValues { $0.map(replace).sorted() }
        return copy
    }
}

private enum Format {
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
