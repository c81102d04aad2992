import Foundation
import Testing
@testable import Jiansuo

@Suite struct HTMLTextTests {
    func extract(_ html: String) -> (String, String?) {
        let page = HTMLText.extract(Array(html.utf8))
        return (String(decoding: page.text, as: UTF8.self), page.title)
    }

    @Test func visibleTextOnlyWithEntitiesAndParagraphs() {
        let (text, title) = extract("""
            <html><head><title> 大足区 &amp; 报告 </title><style>p{}</style></head>
            <body><script>if (a < b) { document.write("代表建议") }</script><!-- 注释 -->
            <h1>标题</h1><p>代表建议&ldquo;办理&rdquo;&#20195;&#x8868;&nbsp;ok</p><div>第二段<br>第二行</div>
            <p>跨行的
            中文</p></body></html>
            """)
        #expect(title == "大足区 & 报告")
        #expect(text == "标题\n\n代表建议“办理”代表\u{A0}ok\n\n第二段\n第二行\n\n跨行的中文")
    }

    @Test func declaredCharsetIsFound() {
        #expect(HTMLText.declaredCharset(in: Array("<META CHARSET='GB2312'>".utf8)) == "gb2312")
        #expect(HTMLText.declaredCharset(in: Array(#"<meta http-equiv="Content-Type" content="text/html; charset=big5">"#.utf8)) == "big5")
        #expect(HTMLText.declaredCharset(in: Array("<p>no meta</p>".utf8)) == nil)
    }
}

@Suite struct DocxTextTests {
    @Test func paragraphsAndTitle() throws {
        let url = TestSupport.temporaryDirectory("docx").appendingPathComponent("a.docx")
        try EncodingFixtures.writeDocx("一、标题\n代表建议 & 办理。\n\n第二段。", title: "文档题名", to: url)
        let content = try DocumentReader.read(url.path)
        #expect(String(decoding: content.utf8, as: UTF8.self) == "一、标题\n代表建议 & 办理。\n\n第二段。\n")
        #expect(content.title == "文档题名")
        #expect(content.format == .docx)
    }

    @Test func aDamagedDocumentIsAClearError() throws {
        let url = TestSupport.temporaryDirectory("docx-bad").appendingPathComponent("bad.docx")
        try Data("not a zip".utf8).write(to: url)
        #expect(throws: JiansuoError.self) { try DocumentReader.read(url.path) }
    }
}

@Suite struct PDFTextTests {
    @Test func withoutPdftotextTheMessageSaysHowToEnableIt() {
        #expect(throws: JiansuoError.unreadableDocument(path: "a.pdf", reason: PDFText.missingToolReason)) {
            try PDFText.extract(path: "a.pdf", searchPath: "/nonexistent")
        }
        #expect(PDFText.missingToolReason.contains("poppler-utils"))
    }
}

@Suite struct MetadataSidecarTests {
    @Test func quotedFieldsAndChineseHeaders() {
        let sidecar = MetadataSidecar.parse(
            "\u{FEFF}路径,年份,标题,来源\r\n./a.txt,1999年,\"题名, 带逗号 \"\"引号\"\"\",档案馆\r\nsub\\b.txt,,,\nc.txt,abc,,\n",
            separator: ",", file: "metadata.csv")
        #expect(sidecar.entry(for: "a.txt") == .init(year: 1999, title: "题名, 带逗号 \"引号\"", source: "档案馆"))
        #expect(sidecar.entry(for: "sub/b.txt") == .init(year: nil, title: nil, source: nil))
        #expect(sidecar.problems.count == 1)
    }

    @Test func overridesYearAndTitleWhenIndexing() throws {
        let folder = TestSupport.temporaryDirectory("sidecar")
        try EncodingFixtures.write(Array("2023年的报告。代表建议办理情况良好。".utf8), to: folder.appendingPathComponent("scan0042.txt"))
        try EncodingFixtures.write(Array("代表建议另一份。".utf8), to: folder.appendingPathComponent("2020/other.txt"))
        try EncodingFixtures.write(Array("path\ttitle\tyear\nscan0042.txt\t大足区报告\t2001\nmissing.txt\t\t2002\n".utf8),
            to: folder.appendingPathComponent("metadata.tsv"))
        let directory = TestSupport.temporaryDirectory("sidecar-index").path
        let writer = try IndexWriter(directory: directory)
        let report = try writer.addFolder(folder.path)
        #expect(report.added.count == 2 && report.unsupported.isEmpty)
        #expect(report.notes.contains { $0.contains("missing.txt") })
        try writer.commit()
        let hits = try Searcher(directory: directory).search("代表建议").hits
        let scan = try #require(hits.first { $0.path.hasSuffix("scan0042.txt") })
        #expect(scan.year == 2001 && scan.title == "大足区报告")
        #expect(hits.first { $0.path.hasSuffix("other.txt") }?.year == 2020)
    }
}

@Suite struct MixedFolderCommandLineTests {
    @Test func aMixedFolderIndexesWithAClearSummary() throws {
        let folder = TestSupport.temporaryDirectory("cli-mixed")
        let text = "2021年工作报告\n人大代表提出代表建议一百件，全部办结。"
        try EncodingFixtures.write(Array(text.utf8), to: folder.appendingPathComponent("a.txt"))
        try EncodingFixtures.write(try EncodingFixtures.encode(text, as: "GBK"), to: folder.appendingPathComponent("b.txt"))
        try EncodingFixtures.write(try EncodingFixtures.encode(EncodingFixtures.htmlPage(text, title: "网页版", charset: "gbk"), as: "GBK"),
            to: folder.appendingPathComponent("c.htm"))
        try EncodingFixtures.writeDocx(text, title: "", to: folder.appendingPathComponent("d.docx"))
        for name in ["e.doc", "f.doc", "g.xls"] { try Data([1, 2, 3]).write(to: folder.appendingPathComponent(name)) }
        let index = folder.appendingPathComponent(".index").path
        let result = try TestSupport.run(["index", folder.path, "--index", index])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Indexed 4 documents"))
        #expect(result.standardOutput.contains("Formats: 2 text, 1 HTML, 1 Word; encodings: 2 UTF-8, 1 GB18030, 1 GBK."))
        #expect(result.standardOutput.contains("Skipped 3 files of unsupported formats (.doc ×2, .xls ×1)."))
        let search = try TestSupport.run(["search", "代表建议", "--index", index])
        #expect(search.standardOutput.contains("4 of 4 matching passages"))
        #expect(search.standardOutput.contains("《网页版》"))
        let forced = try TestSupport.run(["index", folder.path, "--index", index, "--encoding", "KLINGON"])
        #expect(forced.status != 0)
        #expect(forced.standardError.contains("unknown encoding 'KLINGON'"))
    }
}

@Suite struct ZipArchiveTests {
    /// Every truncation and many flipped bytes of a real .docx give an error, never a crash.
    @Test func damagedWordFilesAreErrors() throws {
        let folder = TestSupport.temporaryDirectory("zip")
        let url = folder.appendingPathComponent("report.docx")
        try EncodingFixtures.writeDocx("代表建议办理工作报告\n各位代表：现将代表建议办理情况报告如下。", title: "报告", to: url)
        let original = [UInt8](try Data(contentsOf: url))
        #expect(try DocxText.extract(original, path: "report.docx").title == "报告")
        var generator = SeededGenerator(state: 5)
        var failures = 0
        for round in 0..<600 {
            var damaged = original
            if round < original.count && round % 2 == 0 {
                damaged.removeLast(damaged.count - round / 2)
            } else {
                let offset = Int.random(in: 0..<damaged.count, using: &generator)
                damaged[offset] = UInt8.random(in: 0...255, using: &generator)
            }
            do {
                _ = try DocxText.extract(damaged, path: "report.docx")
            } catch {
                guard case .unreadableDocument(let path, _) = error, path == "report.docx" else {
                    Issue.record("unexpected error \(error)")
                    continue
                }
                failures += 1
            }
        }
        #expect(failures > 300)
    }
}
