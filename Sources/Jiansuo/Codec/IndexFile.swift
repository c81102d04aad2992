/// The envelope every index file shares. Each kind's body is described in the file that
/// writes and reads it (the segment's files: `SegmentFiles`; `DeletionSet`; `Manifest`);
/// this is what surrounds them.
///
///     header   magic "JSUO" | kind (4 ASCII bytes) | format version u32 | reserved u32 (0)
///     body     the kind's data, `bodyLength` bytes
///     footer   chunk checksums: u32 CRC-32C of each 64 KiB chunk of the body, in order
///              bodyLength u64 | chunkCount u32
///              footerChecksum u32: CRC-32C of header, chunk checksums, bodyLength, chunkCount
///              magic "OUSJ"
///
/// All integers are little-endian. Opening a file checks the header, the footer and its
/// checksum — a cost independent of the file's size. The body's chunk checksums are
/// verified by `jiansuo check`, before a merge copies a segment, and whenever a small file
/// is read whole; queries read bodies bounds-checked but unverified (why: `MappedFile`).
enum IndexFile {
    static let magic: [UInt8] = Array("JSUO".utf8)
    static let footerMagic: [UInt8] = Array("OUSJ".utf8)
    /// Bumped on any change to any file's layout; older and newer files are refused
    /// (history in docs/INDEX-FORMAT.md). 7: characters per passage and per year. 8: impacts per block.
    /// 9: character pairs with positions, single characters without.
    static let formatVersion: UInt32 = 9
    static let headerSize = 16
    /// bodyLength, chunkCount, footerChecksum, magic.
    static let trailerSize = 8 + 4 + 4 + 4
    static let chunkSize = 1 << 16

    enum Kind: String, Sendable, CaseIterable {
        case terms = "TERM"
        case postings = "POST"
        case positions = "POSI"
        case passages = "PASS"
        case documents = "DOCS"
        case text = "TEXT"
        case sections = "SECT"
        case deletions = "DELS"
        case manifest = "MANI"

        /// The file name extension of this kind.
        var fileExtension: String {
            switch self {
            case .terms: "terms"
            case .postings: "postings"
            case .positions: "positions"
            case .passages: "passages"
            case .documents: "docs"
            case .text: "text"
            case .sections: "sections"
            case .deletions: "del"
            case .manifest: "manifest"
            }
        }
    }

    /// The complete bytes of a file of `kind` holding `body`.
    static func encode(kind: Kind, body: [UInt8]) -> [UInt8] {
        let (header, footer) = envelope(kind: kind, body: body)
        return header + body + footer
    }

    /// The header and footer that surround `body` in a file of `kind`. Kept apart from the
    /// body so a large body can be written to disk without first being copied into one
    /// array with them (`IndexStorage.writeFile(_:to:)` takes the three pieces).
    static func envelope(kind: Kind, body: [UInt8]) -> (header: [UInt8], footer: [UInt8]) {
        var header = ByteWriter()
        header.append(contentsOf: magic)
        header.append(contentsOf: kind.rawValue.utf8)
        header.append(formatVersion)
        header.append(UInt32(0))
        var footer = ByteWriter()
        let chunkCount = (body.count + chunkSize - 1) / chunkSize
        footer.reserveCapacity(4 * chunkCount + trailerSize)
        body.withUnsafeBytes { raw in
            for chunk in 0..<chunkCount {
                let end = min(raw.count, (chunk + 1) * chunkSize)
                footer.append(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[chunk * chunkSize..<end])))
            }
        }
        footer.append(UInt64(body.count))
        footer.append(UInt32(chunkCount))
        footer.append(CRC32C.checksum(header.bytes + footer.bytes))
        footer.append(contentsOf: footerMagic)
        return (header.bytes, footer.bytes)
    }
}
