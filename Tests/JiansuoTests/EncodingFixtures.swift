import Foundation
@testable import Jiansuo

/// Test documents in other encodings and formats, made from real UTF-8 text. Encodings
/// come from glibc's iconv, not from ICU, so the decoder under test is checked against an
/// independent converter.
enum EncodingFixtures {
    struct ConversionFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// `bytes` converted by `iconv -f FROM -t TO`; with `lossy`, characters TO lacks are dropped.
    static func iconv(_ bytes: [UInt8], from source: String, to target: String, lossy: Bool = false) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = (lossy ? ["-c"] : []) + ["-f", source, "-t", target]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Write from another thread: iconv's output pipe must be drained while it reads.
        let writer = Thread { [bytes] in
            input.fileHandleForWriting.write(Data(bytes))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let converted = output.fileHandleForReading.readDataToEndOfFile()
        _ = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 || lossy else {
            throw ConversionFailed(description: "iconv -f \(source) -t \(target) failed with status \(process.terminationStatus)")
        }
        return Array(converted)
    }

    static func encode(_ text: String, as encoding: String, lossy: Bool = false) throws -> [UInt8] {
        try iconv(Array(text.utf8), from: "UTF-8", to: encoding, lossy: lossy)
    }

    static func decode(_ bytes: [UInt8], from encoding: String) throws -> String {
        String(decoding: try iconv(bytes, from: encoding, to: "UTF-8"), as: UTF8.self)
    }

    /// A real report's text from ../shared/corpus.
    static func sharedText(_ relativePath: String) throws -> String {
        try String(contentsOf: TestSupport.sharedCorpus.appendingPathComponent(relativePath), encoding: .utf8)
    }

    static let dazuReport = "dazu-npc/2023/大足区三届人大常委会工作报告（摘要）.txt"
    static let governmentReport2019 = "gov-work-reports/2019/2019年中华人民共和国国务院政府工作报告.txt"
    static let governmentReport1954 = "gov-work-reports/1954/1954年中华人民共和国国务院政府工作报告.txt"

    static func write(_ bytes: [UInt8], to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
}
