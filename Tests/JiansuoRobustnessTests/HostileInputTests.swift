#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import Jiansuo

/// Files no indexer should trust: each is indexed correctly or skipped with a message naming
/// it and the reason; indexing goes on; the summary counts what was skipped; the exit
/// status is 2 when anything was.
///
/// Sizes scale with `JIANSUO_BIG_FILE_MB` (default 8) and `JIANSUO_TINY_FILES` (default
/// 10,000); the full run is `JIANSUO_BIG_FILE_MB=200 JIANSUO_TINY_FILES=100000 swift test
/// --filter HostileInputTests` (best with `-c release`).
@Suite struct HostileInputTests {
    static let environment = ProcessInfo.processInfo.environment
    static let bigFileMB = environment["JIANSUO_BIG_FILE_MB"].flatMap(Int.init) ?? 8
    static let tinyFiles = environment["JIANSUO_TINY_FILES"].flatMap(Int.init) ?? 10_000
    static let isRoot = geteuid() == 0

    static func write(_ text: String, _ path: URL) throws {
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: path)
    }

    /// Builds the hostile folder; returns the files that must be skipped, by name fragment.
    static func makeFolder() throws -> (folder: URL, skipped: [String: String], indexed: Int) {
        let folder = TestSupport.temporaryDirectory("hostile")
        var skipped: [String: String] = [:]
        var indexed = 0
        try write("2021年，人大代表提出代表建议。", folder.appendingPathComponent("good.txt")); indexed += 1
        // Not UTF-8, but GBK (代表建议), which the decoder recognizes (docs/INPUT-FORMATS.md).
        try Data([0xB4, 0xFA, 0xB1, 0xED, 0xBD, 0xA8, 0xD2, 0xE9]).write(to: folder.appendingPathComponent("gbk.txt"))
        indexed += 1
        try Data("代表\u{0}建议".utf8).write(to: folder.appendingPathComponent("nul.txt"))
        skipped["nul.txt"] = "binary, not text"
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]).write(to: folder.appendingPathComponent("image.txt"))
        skipped["image.txt"] = "binary, not text (a NUL byte at offset 8)"
        try Data().write(to: folder.appendingPathComponent("empty.txt")); indexed += 1
        // One long line, no newline: the splitter cuts it at sentence ends.
        let sentence = Array("２０２２年代表建议办理工作取得新进展，人民群众满意度持续提升。".utf8)
        var big = [UInt8]()
        big.reserveCapacity(bigFileMB << 20)
        while big.count < bigFileMB << 20 { big += sentence }
        try Data(big).write(to: folder.appendingPathComponent("long-line.txt")); indexed += 1
        // Many tiny files.
        let tiny = folder.appendingPathComponent("tiny")
        for number in 0..<tinyFiles {
            let file = tiny.appendingPathComponent("\(number / 1_000)/\(number).txt")
            if number % 1_000 == 0 {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            }
            try Data("小文件\(number)：代表。".utf8).write(to: file)
        }
        indexed += tinyFiles
        // Deep nesting.
        var deep = folder.appendingPathComponent("deep")
        for level in 0..<150 { deep.appendPathComponent("d\(level % 10)") }
        try write("2020年，深层目录里的代表建议。", deep.appendingPathComponent("deep.txt")); indexed += 1
        // Symbolic link loops: a folder linking to its ancestor, and a link to itself.
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("tiny/0/up").path, withDestinationPath: "../..")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("self.txt").path, withDestinationPath: "self.txt")
        skipped["self.txt"] = "Too many levels of symbolic links"
        // A name that is not UTF-8: GBK for 代表.
        let rawName = Array(folder.path.utf8) + [0x2F, 0xB4, 0xFA, 0xB1, 0xED, 0x2E, 0x74, 0x78, 0x74, 0]
        let descriptor = rawName.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { open($0, O_WRONLY | O_CREAT, 0o644) }
        }
        #expect(descriptor >= 0)
        close(descriptor)
        skipped["\\xB4\\xFA\\xB1\\xED.txt"] = "the name is not valid UTF-8"
        // Unreadable: permissions do not stop root, so the check is made only for other users.
        let locked = folder.appendingPathComponent("locked.txt")
        try write("2020年代表建议。", locked)
        chmod(locked.path, 0)
        if isRoot { indexed += 1 } else { skipped["locked.txt"] = "Permission denied" }
        return (folder, skipped, indexed)
    }

    @Test func everyHostileFileIsIndexedOrSkippedWithItsReason() throws {
        if Self.isRoot {
            print("HostileInputTests: running as root, where permissions do not block reading; the unreadable-file check is skipped")
        }
        let (folder, skipped, indexed) = try Self.makeFolder()
        let index = TestSupport.temporaryDirectory("hostile-index").path
        let first = try TestSupport.run(["index", folder.path, "--index", index])
        #expect(first.status == 2)
        for (name, reason) in skipped {
            let line = first.standardError.split(separator: "\n").first { $0.contains(name) }
            #expect(line?.contains(reason) == true, "\(name): \(line ?? "not reported")\n\(first.standardError.prefix(2_000))")
        }
        #expect(first.standardError.split(separator: "\n").count == skipped.count, "\(first.standardError.prefix(2_000))")
        #expect(first.standardOutput.contains("\(indexed) added, 0 updated, 0 removed, 0 unchanged, \(skipped.count) skipped"),
                "\(first.standardOutput)")
        #expect(first.standardOutput.contains("Skipped \(skipped.count) file(s)"))

        let searcher = try Searcher(directory: index)
        #expect(try searcher.statistics().documents == indexed)
        #expect(try searcher.allMatches("\"深层目录\"").count == 1)
        let longLine = try searcher.allMatches("\"满意度持续提升\"").filter { $0.path.hasSuffix("long-line.txt") }
        #expect(longLine.count > (Self.bigFileMB << 20) / 1_800 / 2, "the long line is cut into passages")
        #expect(try searcher.countByYear("小文件").reduce(0) { $0 + $1.documents } == Self.tinyFiles)
        #expect(IndexChecker.check(directory: index).isClean)

        // Again: everything indexed is unchanged, the same files are skipped for the same reasons.
        let second = try TestSupport.run(["index", folder.path, "--index", index])
        #expect(second.status == 2)
        #expect(second.standardOutput.contains("0 added, 0 updated, 0 removed, \(indexed) unchanged, \(skipped.count) skipped"),
                "\(second.standardOutput)")

        // Without the hostile files, the exit status is 0.
        let clean = TestSupport.temporaryDirectory("hostile-clean")
        try Self.write("2021年代表建议。", clean.appendingPathComponent("a.txt"))
        #expect(try TestSupport.run(["index", clean.path, "--index", index + "-clean", "--quiet"]).status == 0)
    }
}
