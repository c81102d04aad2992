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

import ZIPFoundation

extension EncodingFixtures {
    /// `text` as an HTML page: each blank-line-separated block a `<p>`, its lines joined by
    /// `<br>`, plus a script, a style and a comment that mention 代表建议 and must not count.
    static func htmlPage(_ text: String, title: String, charset: String) -> String {
        let escape = { (line: Substring) in
            line.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        var blocks: [[Substring]] = [[]]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0.isWhitespace }) {
                if !(blocks.last ?? []).isEmpty { blocks.append([]) }
            } else {
                blocks[blocks.count - 1].append(line)
            }
        }
        let body = blocks.filter { !$0.isEmpty }.map { "<p>" + $0.map(escape).joined(separator: "<br>\n") + "</p>" }
        return """
            <!DOCTYPE html>
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=\(charset)">
            <title>\(title)</title>
            <style>p { margin: 0 } /* 代表建议 */</style>
            <script>var s = "<p>代表建议</p>";</script>
            </head><body><!-- 代表建议 -->
            \(body.joined(separator: "\n"))
            </body></html>
            """
    }

    /// A minimal Word document: one `<w:p>` per line of `text`, with a tab-stop definition
    /// in paragraph properties that must not become text, and `title` as its document title.
    static func writeDocx(_ text: String, title: String, to url: URL) throws {
        let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let escaped = line.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            return "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t xml:space=\"preserve\">\(escaped)</w:t></w:r></w:p>"
        }
        let document = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(paragraphs.joined())</w:body></w:document>
            """
        let core = """
            <?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\(title)</dc:title></cp:coreProperties>
            """
        let types = """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
            """
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let archive = try Archive(url: url, accessMode: .create)
        for (name, content) in [("[Content_Types].xml", types), ("word/document.xml", document), ("docProps/core.xml", core)] {
            let data = Data(content.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }
}
