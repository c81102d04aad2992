import Foundation
import Synchronization
import Testing
@testable import Jiansuo

/// A storage that fails on purpose (Lucene's MockDirectoryWrapper, tantivy's failpoints):
/// the n-th write, flush, rename or removal after `arm` fails with an errno, or the power
/// goes before it, dropping everything not flushed (`MemoryStorage.losePower`).
final class FaultInjectingStorage: IndexStorage {
    enum Fault: Sendable, CustomStringConvertible {
        case error(Int32)
        case powerLoss

        var description: String {
            switch self {
            case .error(let code): code == EIO ? "EIO" : code == ENOSPC ? "ENOSPC" : "errno \(code)"
            case .powerLoss: "power loss"
            }
        }
    }

    private struct Plan {
        var operations = 0
        var failAt: Int?
        var fault = Fault.powerLoss
        /// The operations performed since `arm`, as "operation path".
        var log: [String] = []
    }

    let memory = MemoryStorage()
    private let plan = Mutex(Plan())

    /// From now on, count operations; the `operation`-th fails with `fault` (nil: none does).
    func arm(failingAt operation: Int?, with fault: Fault = .powerLoss) {
        plan.withLock { $0 = Plan(failAt: operation, fault: fault) }
    }

    /// What was performed since `arm`.
    var log: [String] { plan.withLock { $0.log } }

    /// Counts one operation, failing it as planned. Errors and power loss only come from
    /// writes and flushes (`failable`); renames and removals count for power loss too.
    private func step(_ operation: String, _ path: String, failable: Bool) throws(JiansuoError) -> Fault? {
        let fault: Fault? = plan.withLock { plan in
            plan.operations += 1
            guard plan.operations == plan.failAt else {
                plan.log.append("\(operation) \(path)")
                return nil
            }
            return plan.fault
        }
        switch fault {
        case nil:
            return nil
        case .powerLoss?:
            memory.losePower()
            throw .io(path: path, operation: operation, reason: "the power went (simulated)")
        case .error(let code)?:
            guard failable else { return nil }
            return .error(code)
        }
    }

    func writeFile(_ pieces: [[UInt8]], to path: String) throws(JiansuoError) {
        if case .error(let code)? = try step("write", path, failable: true) {
            // A full disk takes part of the file first.
            let bytes = Array(pieces.joined())
            try memory.writeFile([Array(bytes.prefix(bytes.count / 2))], to: path)
            throw FileSystem.fail(path, "write", code)
        }
        try memory.writeFile(pieces, to: path)
    }

    func sync(_ path: String) throws(JiansuoError) {
        if case .error(let code)? = try step("flush to disk", path, failable: true) {
            throw FileSystem.fail(path, "flush to disk", code)
        }
        try memory.sync(path)
    }

    func syncDirectory(_ path: String) throws(JiansuoError) {
        if case .error(let code)? = try step("flush directory to disk", path, failable: true) {
            throw FileSystem.fail(path, "flush directory to disk", code)
        }
        try memory.syncDirectory(path)
    }

    func rename(_ source: String, to destination: String) throws(JiansuoError) {
        _ = try step("rename", destination, failable: false)
        try memory.rename(source, to: destination)
    }

    func remove(_ path: String) throws(JiansuoError) {
        _ = try step("remove", path, failable: false)
        try memory.remove(path)
    }

    func exists(_ path: String) -> Bool { memory.exists(path) }
    func createDirectory(_ path: String) throws(JiansuoError) { try memory.createDirectory(path) }
    func removeEmptyDirectory(_ path: String) { memory.removeEmptyDirectory(path) }
    func list(_ directory: String) throws(JiansuoError) -> [String] { try memory.list(directory) }
    func map(_ path: String) throws(JiansuoError) -> FileMapping? { try memory.map(path) }
    func lock(_ directory: String) throws(JiansuoError) -> AnyObject { try memory.lock(directory) }
}

/// Commits under every failure a disk can give: an error at each write and each flush, and
/// a power cut before each operation of a commit. The last commit always survives, a failed
/// one leaves the previous readable and `check` clean, and the error names the file.
@Suite struct StorageFaultTests {
    static let path = "/index"

    static let firstReports = [
        "2019年政府工作报告\n\n代表建议办理工作取得新进展，人民代表大会制度不断完善。\n\n经济发展稳中有进。",
        "2020年常委会工作报告\n\n常委会认真办理代表建议，推进改革。",
        "2021年代表建议办理情况\n\n全年办理代表建议一百件，会议审议通过。",
    ]

    /// Commit 1: three reports.
    static func firstCommit(_ storage: some IndexStorage) throws {
        let writer = try IndexWriter(IndexDirectory(path, storage: storage))
        for (number, text) in firstReports.enumerated() {
            try writer.addText(text, path: "reports/\(number).txt")
        }
        try writer.commit()
    }

    /// Commit 2: one report deleted, two added, and a merge (every kind of file written,
    /// a deletion file, files removed).
    static func secondCommit(_ storage: some IndexStorage) throws(JiansuoError) {
        let writer = try IndexWriter(IndexDirectory(path, storage: storage), mode: .open)
        writer.mergePolicy = MergePolicy(segmentsPerTier: 2)
        try writer.deleteDocument(path: "reports/1.txt")
        try writer.addText("2022年政府工作报告\n\n经济发展，改革开放，代表建议。", path: "reports/3.txt")
        try writer.addText("2023年人大代表建议\n\n人民代表提出建议，会议通过。", path: "reports/4.txt")
        try writer.commit()
    }

    /// The two states an index may be in, and the operations commit 2 makes.
    static let reference: (first: IndexFingerprint, second: IndexFingerprint, log: [String]) = {
        let storage = FaultInjectingStorage()
        try! firstCommit(storage)
        let first = try! IndexFingerprint(IndexDirectory(path, storage: storage))
        storage.arm(failingAt: nil)
        try! secondCommit(storage)
        return (first, try! IndexFingerprint(IndexDirectory(path, storage: storage)), storage.log)
    }()

    static func fingerprint(_ storage: some IndexStorage) throws -> IndexFingerprint {
        try IndexFingerprint(IndexDirectory(path, storage: storage))
    }

    @Test func theLastCommitSurvivesAPowerCut() throws {
        let storage = FaultInjectingStorage()
        try Self.firstCommit(storage)
        storage.memory.losePower()
        #expect(try Self.fingerprint(storage) == Self.reference.first)
        try Self.secondCommit(storage)
        storage.memory.losePower()
        #expect(try Self.fingerprint(storage) == Self.reference.second)
        #expect(IndexChecker.check(IndexDirectory(Self.path, storage: storage)).isClean)
    }

    @Test(arguments: [FaultInjectingStorage.Fault.error(EIO), .error(ENOSPC)])
    func aFailedWriteOrFlushLeavesThePreviousCommitAndNamesTheFile(fault: FaultInjectingStorage.Fault) throws {
        let log = Self.reference.log
        #expect(log.filter { $0.hasPrefix("write ") }.count >= 13, "six files per segment, two segments, deletions, manifest")
        var failures = 0
        for operation in 1...log.count {
            let storage = FaultInjectingStorage()
            try Self.firstCommit(storage)
            storage.arm(failingAt: operation, with: fault)
            let failure: JiansuoError
            do {
                try Self.secondCommit(storage)
                continue  // a rename or removal: not failed by errors
            } catch {
                failure = error
            }
            failures += 1
            guard case .io(let path, _, let reason) = failure else {
                Issue.record("\(fault) at operation \(operation): \(failure)")
                continue
            }
            #expect(path.hasPrefix(Self.path) && failure.description.contains(path), "\(failure)")
            #expect(reason == String(cString: strerror(fault.code)))
            // Visible only once the manifest is renamed into place; before that, commit 1.
            let renamed = storage.log.contains("rename \(Self.path)/manifest")
            let state = try Self.fingerprint(storage)
            #expect(state == (renamed ? Self.reference.second : Self.reference.first), "\(fault) at operation \(operation) (\(path))")
            let check = IndexChecker.check(IndexDirectory(Self.path, storage: storage))
            #expect(check.isClean, "\(fault) at operation \(operation): \(check.problems)")
            // The next writer clears what the failed one left, and commits.
            storage.arm(failingAt: nil)
            if !renamed {
                try Self.secondCommit(storage)
                #expect(try Self.fingerprint(storage) == Self.reference.second)
            }
        }
        // Every write and every flush was failed once.
        #expect(failures == log.filter { !$0.hasPrefix("rename ") && !$0.hasPrefix("remove ") }.count)
    }

    @Test func aWriterWhoseSegmentFailedToWriteNeverCommitsWithoutIt() throws {
        let storage = FaultInjectingStorage()
        let writer = try IndexWriter(IndexDirectory(Self.path, storage: storage))
        for (number, text) in Self.firstReports.enumerated() {
            try writer.addText(text, path: "reports/\(number).txt")
        }
        storage.arm(failingAt: 1, with: .error(EIO))  // the segment's first file
        #expect(throws: JiansuoError.self) { try writer.commit() }
        storage.arm(failingAt: nil)
        // The buffered documents went with the failed write: committing now would lose them.
        let retry = #expect(throws: JiansuoError.self) { try writer.commit() }
        guard case .io(let path, "write", _)? = retry else {
            Issue.record("\(String(describing: retry))")
            return
        }
        #expect(path.hasPrefix(Self.path + "/seg-"))
        #expect(!storage.exists(Self.path + "/manifest"))
    }

    @Test func aPowerCutBeforeAnyOperationOfACommitLeavesOneOfTheTwoCommits() throws {
        for operation in 1...Self.reference.log.count {
            let storage = FaultInjectingStorage()
            try Self.firstCommit(storage)
            storage.arm(failingAt: operation, with: .powerLoss)
            #expect(throws: JiansuoError.self) { try Self.secondCommit(storage) }
            // Commit 2 happened if its manifest's rename reached the disk: a directory flush after it.
            let log = storage.log
            let rename = log.firstIndex(of: "rename \(Self.path)/manifest")
            let durable = rename.map { log[$0...].contains("flush directory to disk \(Self.path)") } ?? false
            let state = try Self.fingerprint(storage)
            #expect(state == (durable ? Self.reference.second : Self.reference.first), "power cut before operation \(operation)")
            let check = IndexChecker.check(IndexDirectory(Self.path, storage: storage))
            #expect(check.isClean, "power cut before operation \(operation): \(check.problems)")
        }
    }
}

extension FaultInjectingStorage.Fault {
    var code: Int32 {
        if case .error(let code) = self { return code }
        return 0
    }
}
