import Foundation
import Testing
@testable import Jiansuo

@Suite struct TextDecoderTests {
    func decode(_ bytes: [UInt8], forced: String? = nil, declared: String? = nil) throws(JiansuoError) -> DecodedText {
        try TextDecoder.decode(bytes, path: "test.txt", forced: forced, declared: declared)
    }

    static let sample = "大足区人大常委会坚持把代表建议办理作为联系群众的重要纽带，全年办结代表建议一百二十件，满意率达到百分之九十八。"

    @Test func utf8IsTakenAsItIs() throws {
        let decoded = try decode(Array(Self.sample.utf8))
        #expect(decoded.encoding == "UTF-8")
        #expect(decoded.utf8 == Array(Self.sample.utf8))
    }

    @Test func byteOrderMarksAreHonouredAndDropped() throws {
        let withBOM = try decode([0xEF, 0xBB, 0xBF] + Array(Self.sample.utf8))
        #expect(withBOM.encoding == "UTF-8 with BOM")
        #expect(withBOM.utf8 == Array(Self.sample.utf8))
        let utf16 = try decode(try EncodingFixtures.encode(Self.sample, as: "UTF-16"))  // iconv writes a BOM
        #expect(utf16.utf8 == Array(Self.sample.utf8))
        #expect(utf16.encoding.hasPrefix("UTF-16"))
        let big = try decode([0xFE, 0xFF] + EncodingFixtures.encode(Self.sample, as: "UTF-16BE"))
        #expect(big.encoding == "UTF-16BE")
        #expect(big.utf8 == Array(Self.sample.utf8))
    }

    @Test(arguments: ["GBK", "GB18030", "GB2312"])
    func chineseEncodingsAreDetected(encoding: String) throws {
        let decoded = try decode(try EncodingFixtures.encode(Self.sample, as: encoding))
        #expect(decoded.encoding == "GB18030")
        #expect(decoded.utf8 == Array(Self.sample.utf8))
    }

    @Test func big5IsDetected() throws {
        let traditional = "我們第一屆全國人民代表大會第一次會議，聽取了政府工作報告，並且通過了憲法。各族人民團結起來，建設社會主義國家。"
        let decoded = try decode(try EncodingFixtures.encode(traditional, as: "BIG5"))
        #expect(decoded.encoding == "Big5")
        #expect(decoded.utf8 == Array(traditional.utf8))
    }

    @Test func aForcedEncodingWins() throws {
        let bytes = try EncodingFixtures.encode(Self.sample, as: "GBK")
        #expect(try decode(bytes, forced: "GBK").utf8 == Array(Self.sample.utf8))
        #expect(throws: JiansuoError.self) { try decode(bytes, forced: "UTF-8") }
        #expect(throws: JiansuoError.invalidArgument("unknown encoding 'KLINGON' (try GB18030, GBK, Big5, UTF-16LE or UTF-8)")) {
            try decode(bytes, forced: "KLINGON")
        }
    }

    @Test func aDeclaredEncodingIsTriedBeforeDetection() throws {
        let bytes = try EncodingFixtures.encode(Self.sample, as: "GBK")
        #expect(try decode(bytes, declared: "gbk").encoding == "GBK")
        // A declaration the bytes contradict is ignored in favour of detection.
        #expect(try decode(bytes, declared: "Shift_JIS").encoding == "GB18030")
    }

    @Test func randomBytesAreRefusedWithAClearMessage() {
        var generator = SeededGenerator(state: 6)
        let bytes = (0..<4_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect {
            try decode(bytes)
        } throws: { error in
            guard case .unreadableDocument(let path, let reason) = error as? JiansuoError else { return false }
            // Random bytes hold NULs: binary.
            return path == "test.txt" && reason.contains("binary, not text")
        }
    }

    @Test func textWithNULsIsBinary() {
        #expect(throws: JiansuoError.self) { try decode(Array("ELF\u{0}\u{0}\u{1}代表".utf8)) }
    }

    @Test func aBinaryFileIsCalledBinaryNotAnEncodingGuess() {
        // A PNG's signature and header: invalid UTF-8 too, which used to be the reason given.
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        #expect(throws: JiansuoError.unreadableDocument(path: "test.txt", reason: "binary, not text (a NUL byte at offset 8)")) {
            try decode(png)
        }
    }

    @Test func latin1IsNotGuessedAsChinese() {
        let latin1: [UInt8] = Array("Le rapport sur les activit".utf8) + [0xE9, 0x73, 0x20, 0x64, 0x75, 0x20, 0x67, 0x6F, 0x75, 0x76, 0x65, 0x72, 0x6E, 0x65, 0x6D, 0x65, 0x6E, 0x74, 0x20, 0xE0, 0x20, 0x6C, 0x27, 0x61, 0x73, 0x73, 0x65, 0x6D, 0x62, 0x6C, 0xE9, 0x65, 0x2E]
        let decoded = try? decode(latin1)
        #expect(decoded == nil, "decoded as \(decoded?.encoding ?? "")")
    }
}
