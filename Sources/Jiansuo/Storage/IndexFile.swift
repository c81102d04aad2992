/// The envelope every index file shares. The bytes of each kind's body are described next
/// to the code that writes it (`SegmentWriter`, `DeletionSet`, `Manifest`); this is what surrounds them.
///
///     header   magic "JSUO" | kind (4 ASCII bytes) | format version u32 | reserved u32 (0)
///     body     the kind's data, `bodyLength` bytes
///     footer   chunk checksums: u32 CRC-32C of each 64 KiB chunk of the body, in order
///              bodyLength u64 | chunkCount u32
///              footerChecksum u32: CRC-32C of header, chunk checksums, bodyLength, chunkCount
///              magic "OUSJ"
///
/// All integers are little-endian. Opening a file checks the header, the footer and its
/// checksum — a cost independent of the file's size. Each body chunk is verified the first
/// time it is read, so a flipped bit anywhere is reported before it can change an answer,
/// and opening a large index stays instant.
enum IndexFile {
    static let magic: [UInt8] = Array("JSUO".utf8)
    static let footerMagic: [UInt8] = Array("OUSJ".utf8)
    /// Bumped on any change to any file's layout; older and newer files are refused.
    static let formatVersion: UInt32 = 2
    static let headerSize = 16
    /// bodyLength, chunkCount, footerChecksum, magic.
    static let trailerSize = 8 + 4 + 4 + 4
    static let chunkSize = 1 << 16

    enum Kind: String, Sendable, CaseIterable {
        case terms = "TERM"
        case postings = "POST"
        case passages = "PASS"
        case documents = "DOCS"
        case text = "TEXT"
        case deletions = "DELS"
        case manifest = "MANI"

        /// The file name extension of this kind.
        var fileExtension: String {
            switch self {
            case .terms: "terms"
            case .postings: "postings"
            case .passages: "passages"
            case .documents: "docs"
            case .text: "text"
            case .deletions: "del"
            case .manifest: "manifest"
            }
        }
    }

    /// The complete bytes of a file of `kind` holding `body`.
    static func encode(kind: Kind, body: [UInt8]) -> [UInt8] {
        var file = ByteWriter()
        file.reserveCapacity(headerSize + body.count + body.count / chunkSize * 4 + 64)
        file.append(contentsOf: magic)
        file.append(contentsOf: kind.rawValue.utf8)
        file.append(formatVersion)
        file.append(UInt32(0))
        file.append(contentsOf: body)
        let footerStart = file.count
        let chunkCount = (body.count + chunkSize - 1) / chunkSize
        body.withUnsafeBytes { raw in
            for chunk in 0..<chunkCount {
                let end = min(raw.count, (chunk + 1) * chunkSize)
                file.append(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[chunk * chunkSize..<end])))
            }
        }
        file.append(UInt64(body.count))
        file.append(UInt32(chunkCount))
        let covered = Array(file.bytes[0..<headerSize]) + Array(file.bytes[footerStart...])
        file.append(CRC32C.checksum(covered))
        file.append(contentsOf: footerMagic)
        return file.bytes
    }
}
