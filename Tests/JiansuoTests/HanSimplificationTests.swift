import CICU
import Foundation
import Testing
@testable import Jiansuo

/// The committed Traditional → Simplified table must equal what the system ICU's
/// "Hant-Hans" transliterator gives each code point alone. With JIANSUO_RECORD=1 the test
/// rewrites the table instead (after an ICU upgrade, say).
@Suite struct HanSimplificationTests {
    /// Every BMP code point from U+0080, each followed by a line break so that no
    /// multi-character rule can apply, transliterated in one call (opening the
    /// transliterator is the slow part).
    static func pairsFromICU() throws -> [(UInt16, UInt16)] {
        let units = (0x80...0xFFFF).filter { !(0xD800...0xDFFF).contains($0) }.map(UInt16.init)
        var buffer: [UInt16] = units.flatMap { [$0, 0x0A] }
        var length = Int32(buffer.count)
        buffer += [UInt16](repeating: 0, count: buffer.count)
        let status = cicu_transliterate("Hant-Hans", &buffer, &length, Int32(buffer.count))
        try #require(status == 0, "ICU's Hant-Hans transliterator is unavailable")
        let outputs = buffer[0..<Int(length)].split(separator: 0x0A, omittingEmptySubsequences: false)
        try #require(outputs.count == units.count + 1)
        return zip(units, outputs).compactMap { unit, output in
            output.count == 1 && output.first != unit ? (unit, output[output.startIndex]) : nil
        }
    }

    static func render(_ pairs: [(UInt16, UInt16)]) -> String {
        let units = pairs.flatMap { [$0.0, $0.1] }
        var lines: [String] = []
        for start in stride(from: 0, to: units.count, by: 64) {
            lines.append("    " + String(decoding: units[start..<min(start + 64, units.count)], as: UTF16.self))
        }
        return lines.joined(separator: "\n")
    }

    @Test func committedTableMatchesICU() throws {
        let expected = Self.render(try Self.pairsFromICU())
        let file = TestSupport.repositoryRoot.appendingPathComponent("Sources/Jiansuo/Analysis/HanSimplification.swift")
        let source = try String(contentsOf: file, encoding: .utf8)
        let open = try #require(source.range(of: "static let pairs = \"\"\"\n"))
        let close = try #require(source.range(of: "\n    \"\"\"", range: open.upperBound..<source.endIndex))
        let committed = String(source[open.upperBound..<close.lowerBound])
        if ProcessInfo.processInfo.environment["JIANSUO_RECORD"] == "1" {
            try source.replacingCharacters(in: open.upperBound..<close.lowerBound, with: expected)
                .write(to: file, atomically: true, encoding: .utf8)
            return
        }
        #expect(committed == expected, "the system ICU's Hant-Hans differs; rerun with JIANSUO_RECORD=1 and review the diff")
    }

    @Test func mapsCommonTraditionalCharacters() {
        #expect(HanSimplification.simplified(0x6703) == 0x4F1A)  // 會 → 会
        #expect(HanSimplification.simplified(0x8B70) == 0x8BAE)  // 議 → 议
        #expect(HanSimplification.simplified(0x4E2D) == 0x4E2D)  // 中 stays
    }
}
