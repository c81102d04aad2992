import Foundation
import Testing
@testable import Jiansuo

@Suite struct StorageTests {
    @Test func crc32cMatchesTheStandardCheckValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([]) == 0)
    }

    @Test func varintsRoundTrip() throws {
        var writer = ByteWriter()
        let values: [UInt64] = [0, 1, 127, 128, 300, 1 << 32, UInt64.max]
        for value in values { writer.appendVarint(value) }
        try writer.bytes.withUnsafeBytes { raw throws in
            var reader = ByteReader(raw, file: "test")
            for value in values {
                let decoded = try reader.readVarint()
                #expect(decoded == value)
            }
            #expect(reader.isAtEnd)
            #expect(throws: JiansuoError.self) { try reader.readVarint() }
        }
    }

    func writeFile(_ body: [UInt8], kind: IndexFile.Kind = .text) throws -> String {
        let path = TestSupport.temporaryDirectory().appendingPathComponent("file").path
        try FileSystem.writeDurably(IndexFile.encode(kind: kind, body: body), to: path)
        return path
    }

    @Test func mappedFilesReturnTheirBody() throws {
        let body = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let file = try MappedFile(path: try writeFile(body), kind: .text, storage: FileStorage())
        #expect(file.bodyLength == body.count)
        #expect(Array(try file.region(70_000..<70_010)) == Array(body[70_000..<70_010]))
        #expect(throws: JiansuoError.self) { try file.region(199_999..<200_001) }
    }

    /// Queries read regions unverified (`MappedFile`): a flipped bit in a body reaches them,
    /// bounds-checked, and only verification reports it.
    @Test func regionsAreUnverifiedAndVerificationFindsTheDamage() throws {
        let body = (0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = try writeFile(body)
        var damaged = try Data(contentsOf: URL(fileURLWithPath: path))
        damaged[IndexFile.headerSize + 100_000] ^= 0x10
        try damaged.write(to: URL(fileURLWithPath: path))
        let file = try MappedFile(path: path, kind: .text, storage: FileStorage())
        #expect(try file.region(100_000..<100_001).first == body[100_000] ^ 0x10)
        #expect(throws: JiansuoError.corruptIndex(file: path, reason: "checksum mismatch in bytes 65536..<131072 of the body")) {
            try file.verifyAll()
        }
    }

    @Test func everyFlippedBitIsDetectedByVerification() throws {
        let body = (0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = try writeFile(body)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        var generator = SeededGenerator(state: 42)
        for _ in 0..<200 {
            var damaged = original
            let offset = Int.random(in: 0..<damaged.count, using: &generator)
            damaged[offset] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
            try damaged.write(to: URL(fileURLWithPath: path))
            do {
                let file = try MappedFile(path: path, kind: .text, storage: FileStorage())
                _ = try file.verifiedBody()
                Issue.record("a flipped bit at offset \(offset) went unnoticed")
            } catch {
                guard case .corruptIndex(let file, _) = error else {
                    if case .unsupportedFormatVersion = error { continue }
                    Issue.record("unexpected error \(error)")
                    continue
                }
                #expect(file == path)
            }
        }
    }

    @Test func truncatedFilesAreReportedByName() throws {
        let path = try writeFile(Array(repeating: 7, count: 5_000))
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        for length in [0, 10, 30, 4_000, original.count - 1] {
            try original.prefix(length).write(to: URL(fileURLWithPath: path))
            #expect {
                try MappedFile(path: path, kind: .text, storage: FileStorage())
            } throws: { error in
                guard case .corruptIndex(let file, _)? = error as? JiansuoError else { return false }
                return file == path
            }
        }
    }

    @Test func aFileOfAnotherKindOrVersionIsRefused() throws {
        let path = try writeFile([1, 2, 3], kind: .terms)
        #expect(throws: JiansuoError.self) { try MappedFile(path: path, kind: .postings, storage: FileStorage()) }
        var bytes = IndexFile.encode(kind: .terms, body: [1, 2, 3])
        bytes[8] = 99
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: JiansuoError.unsupportedFormatVersion(file: path, found: 99, supported: IndexFile.formatVersion)) {
            try MappedFile(path: path, kind: .terms, storage: FileStorage())
        }
    }
}
