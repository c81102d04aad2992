import Foundation
import Testing
@testable import Jiansuo

/// `jiansuo index` as a user sees it: counts of what changed, a progress bar only on a terminal.
@Suite struct IndexCommandTests {
    static let corpus = TestSupport.repositoryRoot.appendingPathComponent("Corpus")

    @Test func reportsWhatChangedOnEachRun() throws {
        let folder = try IndexFolders.copy([Self.corpus.appendingPathComponent("2020")], label: "cli-runs")
        let index = folder.appendingPathComponent("index").path
        let first = try TestSupport.run(["index", folder.path, "--index", index])
        #expect(first.status == 0)
        #expect(first.standardOutput.contains("2 added, 0 updated, 0 removed, 0 unchanged, 0 skipped"))
        try "2020年新增。".write(to: folder.appendingPathComponent("2020/new.txt"), atomically: true, encoding: .utf8)
        let second = try TestSupport.run(["index", folder.path, "--index", index])
        #expect(second.standardOutput.contains("1 added, 0 updated, 0 removed, 2 unchanged, 0 skipped"))
        let full = try TestSupport.run(["index", folder.path, "--index", index, "--full"])
        #expect(full.standardOutput.contains("3 added, 0 updated, 0 removed, 0 unchanged, 0 skipped"))
        // Piped: no progress bar, no carriage returns.
        #expect(!(first.standardError + second.standardError + full.standardError).contains("\r"))
        #expect(try TestSupport.run(["index", folder.path, "--index", index, "--full", "--append"]).status != 0)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) for a terminal"))
    func showsAProgressBarOnATerminal() throws {
        let index = TestSupport.temporaryDirectory("cli-progress").appendingPathComponent("index").path
        let command = "'\(TestSupport.executable.path)' index '\(Self.corpus.path)' --index '\(index)'"
        // script(1) runs the command with a pseudo-terminal as its standard output and error.
        let onTerminal = try TestSupport.run(executable: "/usr/bin/script", ["-qec", command, "/dev/null"])
        #expect(onTerminal.status == 0, "\(onTerminal.standardOutput)")
        #expect(onTerminal.standardOutput.contains("files,") && onTerminal.standardOutput.contains("MB/s, ETA"))
        let quiet = try TestSupport.run(executable: "/usr/bin/script", ["-qec", command + " --full --quiet", "/dev/null"])
        #expect(!quiet.standardOutput.contains("ETA"))
    }
}

extension TestSupport {
    /// Runs another program, returning its exit status and output.
    static func run(executable: String, _ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self))
    }
}
