#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import Jiansuo

/// Changes a folder of reports a little at a time (files edited, removed, added) and kills
/// the `jiansuo index` run that follows each change with SIGKILL at random moments — while tokenizing, writing
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

    /// The starting folder: the reports of 2010–2016 and 2019.
    static func arrange(_ folder: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        for year in Array(2010...2016) + [2019] {
            try manager.copyItem(at: source.appendingPathComponent(String(year)), to: folder.appendingPathComponent(String(year)))
        }
    }

    /// The next state to commit: a few files changed (wherever their documents happen to
    /// lie, so deletions fall in every segment and merges follow), one removed, one added.
    static func change(_ folder: URL, round: Int, using generator: inout SeededGenerator) throws {
        var files = TestSupport.textFiles(under: folder)
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            let file = files[Int.random(in: 0..<files.count, using: &generator)]
            try (try String(contentsOfFile: file, encoding: .utf8) + "\n\n第\(round)次修改：代表建议全部办结，改革发展。\n")
                .write(toFile: file, atomically: true, encoding: .utf8)
        }
        if files.count > 8, Bool.random(using: &generator) {
            try FileManager.default.removeItem(atPath: files.remove(at: Int.random(in: 0..<files.count, using: &generator)))
        }
        try "\(2000 + round % 25)年第\(round)份会议纪要：经济发展，人民代表提出代表建议。".write(
            to: folder.appendingPathComponent("2019/note-\(round).txt"), atomically: true, encoding: .utf8)
    }

    /// The fingerprint of a fresh index of `folder`, built in-process, with paths as the
    /// harness (which indexes `reports` from its parent) stores them.
    static func reference(_ folder: URL) throws -> IndexFingerprint {
        let index = TestSupport.temporaryDirectory("crash-reference-index").path
        let writer = try IndexWriter(directory: index)
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
        try Self.arrange(folder)
        let clock = ContinuousClock()
        let started = clock.now
        let first = try Self.index(in: workspace, killAfter: nil, crashPoint: nil)
        #expect(first.status == 0, "\(first.standardError)")
        let runSeconds = max(0.2, Format.seconds(clock.now - started))
        var committed = try Self.reference(folder)
        #expect(try IndexFingerprint(directory: indexPath) == committed)

        var generator = SeededGenerator(state: 20_260_512)
        var kills = 0, attempts = 0, rounds = 0, byPoint: [String: Int] = [:]
        var target = committed
        while kills < Self.kills && attempts < Self.kills * 4 {
            attempts += 1
            if target == committed {
                rounds += 1
                try Self.change(folder, round: rounds, using: &generator)
                target = try Self.reference(folder)
            }
            // Every third run crashes itself at a named point, so that commit and merge
            // moments are sure to be hit; the others are killed after a random delay.
            let point = attempts % 3 == 0 ? Self.crashPoints[(attempts / 3) % Self.crashPoints.count] : nil
            let delay = point == nil ? Double.random(in: 0.02...runSeconds, using: &generator) : nil
            let run = try Self.index(in: workspace, killAfter: delay, crashPoint: point)
            let moment = point ?? "delay \(delay ?? 0)"
            if run.killed {
                kills += 1
                byPoint[point ?? "random", default: 0] += 1
            } else {
                #expect(run.status == 0, "\(run.standardError)")
            }
            let check = IndexChecker.check(directory: indexPath)
            #expect(check.isClean, "after kill \(kills) (\(moment)): \(check.problems)")
            let state = try IndexFingerprint(directory: indexPath)
            if state == target {
                committed = target
            } else if state != committed {
                Issue.record("after kill \(kills) (\(moment)) the index is neither the last commit nor the next: \(state)")
                return
            }
            // Now and then a run is let finish: it completes the job and leaves no orphans.
            if attempts % 4 == 0 {
                let finish = try Self.index(in: workspace, killAfter: nil, crashPoint: nil)
                #expect(finish.status == 0, "\(finish.standardError)")
                #expect(try IndexFingerprint(directory: indexPath) == target)
                committed = target
                let after = IndexChecker.check(directory: indexPath)
                #expect(after.isClean && after.notes.isEmpty, "\(after.problems) \(after.notes)")
            }
        }
        #expect(kills >= Self.kills, "only \(kills) of \(attempts) runs were killed before finishing")
        print("CrashSafetyTests: \(kills) kills in \(attempts) runs over \(rounds) changes of the folder, by moment: \(byPoint.sorted { $0.key < $1.key })")
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
