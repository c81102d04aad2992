import Foundation
import Testing
@testable import Jiansuo

/// Mutates, truncates and swaps the files of a small index — every kind, the manifest and
/// a deletion file too — and reads each damaged index every way there is: open, search,
/// count, list matches, statistics, `IndexChecker`. None may crash or read out of bounds.
///
/// Raw damage (flipped bits, overwritten bytes, truncation, another file's bytes) must give
/// an error naming the file: checksums and headers see it. Damage *re-sealed* with valid
/// checksums — a mutated body re-encoded, as a buggy writer would produce — reaches the
/// structural checks; some such changes (a passage's year, a byte of stored text) leave a
/// valid index that says something else, so for those only "no crash" is required, and
/// the outcomes are counted.
///
/// `JIANSUO_FUZZ_CASES` cases (default 1,500 for CI; the full run is 10,000:
/// `JIANSUO_FUZZ_CASES=10000 swift test --filter CorruptionFuzzTests`, and under
/// AddressSanitizer with `swift test -Xswiftc -sanitize=address --filter CorruptionFuzzTests`).
@Suite struct CorruptionFuzzTests {
    static let cases = ProcessInfo.processInfo.environment["JIANSUO_FUZZ_CASES"].flatMap(Int.init) ?? 1_500
    static let corpus = TestSupport.repositoryRoot.appendingPathComponent("Corpus")

    /// An index of the sample reports in two segments, one with a deletion file.
    static func buildIndex() throws -> String {
        let index = TestSupport.temporaryDirectory("fuzz-original").path
        let files = TestSupport.textFiles(under: corpus)
        do {
            let writer = try IndexWriter(directory: index)
            writer.mergePolicy = .none
            for path in files.prefix(4) { try writer.addFile(path) }
            try writer.commit()
        }
        let writer = try IndexWriter(directory: index, mode: .open)
        writer.mergePolicy = .none
        for path in files.dropFirst(4) { try writer.addFile(path) }
        try writer.deleteDocument(path: files[1])
        try writer.commit()
        return index
    }

    enum Mutation: CaseIterable {
        case flipBits, overwrite, truncate, swap, resealedBody, resealedInteger, resealedLength
        var isResealed: Bool { self == .resealedBody || self == .resealedInteger || self == .resealedLength }
    }

    /// Reads everything there is to read. Returns whether an error or a problem was reported.
    static func exercise(_ directory: String) -> Bool {
        var reported = false
        do throws(JiansuoError) {
            let searcher = try Searcher(directory: directory)
            _ = try searcher.statistics()
            for query in ["代表建议", "\"人民代表\"", "经济 发展", "会议"] {
                _ = try searcher.search(query, options: SearchOptions(limit: 20))
                _ = try searcher.countByYear(query)
                _ = try searcher.allMatches(query)
            }
        } catch {
            reported = true
        }
        if !IndexChecker.check(directory: directory).isClean { reported = true }
        return reported
    }

    static func body(of file: [UInt8]) -> (kind: IndexFile.Kind, body: [UInt8])? {
        guard file.count >= IndexFile.headerSize + IndexFile.trailerSize,
              let kind = IndexFile.Kind(rawValue: String(decoding: file[4..<8], as: UTF8.self)) else { return nil }
        let trailer = file.count - IndexFile.trailerSize
        let length = file[trailer..<trailer + 8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        guard IndexFile.headerSize + length <= file.count else { return nil }
        return (kind, Array(file[IndexFile.headerSize..<IndexFile.headerSize + length]))
    }

    static func mutate(
        _ bytes: [UInt8], _ mutation: Mutation, others: [[UInt8]], using generator: inout SeededGenerator
    ) -> [UInt8] {
        var bytes = bytes
        switch mutation {
        case .flipBits:
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
            }
        case .overwrite:
            let start = Int.random(in: 0..<bytes.count, using: &generator)
            for index in start..<min(bytes.count, start + Int.random(in: 1...16, using: &generator)) {
                bytes[index] ^= UInt8.random(in: 1...255, using: &generator)
            }
        case .truncate:
            bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
        case .swap:
            let other = others[Int.random(in: 0..<others.count, using: &generator)]
            bytes = other == bytes ? Array(other.dropLast()) : other
        case .resealedBody, .resealedInteger, .resealedLength:
            guard let (kind, original) = body(of: bytes), !original.isEmpty else { return Array(bytes.dropLast()) }
            var body = original
            if mutation == .resealedBody {
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    body[Int.random(in: 0..<body.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
                }
            } else if mutation == .resealedInteger {
                // A 32-bit field set to a boundary value: where offsets and counts break readers.
                let offset = Int.random(in: 0..<max(1, body.count / 4), using: &generator) * 4
                let values: [UInt32] = [0, 1, 2, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0xFFFF_FFFE, UInt32(body.count)]
                let value = values[Int.random(in: 0..<values.count, using: &generator)] &+ UInt32.random(in: 0...1, using: &generator)
                for byte in 0..<4 where offset + byte < body.count { body[offset + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
            } else {
                let length = Int.random(in: 0..<body.count, using: &generator)
                body = Bool.random(using: &generator)
                    ? Array(body.prefix(length)) : body + (0..<Int.random(in: 1...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            }
            bytes = IndexFile.encode(kind: kind, body: body)
        }
        return bytes
    }

    @Test func damagedFilesGiveErrorsNeverCrashes() throws {
        let original = try Self.buildIndex()
        let names = try IndexFolders.files(in: original)
        #expect(names.contains { $0.contains(".del-") })
        #expect(names.contains(Manifest.fileName))
        var contents: [String: [UInt8]] = [:]
        for name in names { contents[name] = Array(try Data(contentsOf: URL(fileURLWithPath: original + "/" + name))) }
        let work = TestSupport.temporaryDirectory("fuzz").path
        for name in names { try Data(contents[name, default: []]).write(to: URL(fileURLWithPath: work + "/" + name)) }
        #expect(!Self.exercise(work), "the undamaged index must read cleanly")

        var generator = SeededGenerator(state: 0xF022)
        var outcomes: [String: Int] = [:]
        var undetectedRaw: [String] = []
        var number = 0, identical = 0
        while number < Self.cases {
            let name = names[(number + identical) % names.count]
            let mutation = Mutation.allCases[Int.random(in: 0..<Mutation.allCases.count, using: &generator)]
            let bytes = contents[name, default: []]
            let others = names.filter { $0 != name }.compactMap { contents[$0] }
            let damaged = Self.mutate(bytes, mutation, others: others, using: &generator)
            guard damaged != bytes else {
                identical += 1  // e.g. a swap with an identical file: not a case
                continue
            }
            number += 1
            let path = work + "/" + name
            try Data(damaged).write(to: URL(fileURLWithPath: path))
            let reported = Self.exercise(work)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            outcomes["\(mutation.isResealed ? "resealed" : "raw") \(reported ? "reported" : "unreported")", default: 0] += 1
            if !reported && !mutation.isResealed { undetectedRaw.append("case \(number): \(mutation) of \(name)") }
        }
        #expect(undetectedRaw.isEmpty, "raw damage went unnoticed: \(undetectedRaw.prefix(10))")
        #expect(!Self.exercise(work), "restoring every file restores the index")
        print("CorruptionFuzzTests: \(Self.cases) cases over \(names.count) files: \(outcomes.sorted { $0.key < $1.key })")
    }
}
