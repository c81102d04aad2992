/// The shape the passages, documents and sections files share:
///
///     count u32
///     count × entry     fixed size, the fields at the offsets the file kind names
///     area              (documents) UTF-8 strings the entries point into;
///                       (passages) the year totals
///
/// Writing appends entries and strings; reading hands out one entry at a time, checked.
struct EntryTable: Sendable {
    let file: MappedFile
    let count: Int
    let entrySize: Int

    /// Reads the leading count and checks that the entries fit in the body.
    init(_ file: MappedFile, entrySize: Int) throws(JiansuoError) {
        var reader = ByteReader(try file.region(0..<min(4, file.bodyLength)), file: file.path)
        let count = Int(try reader.read(UInt32.self))
        guard 4 + count * entrySize <= file.bodyLength else {
            throw reader.corrupt("table of \(count) entries does not fit in \(file.bodyLength) bytes")
        }
        self.file = file
        self.count = count
        self.entrySize = entrySize
    }

    /// A reader over exactly the bytes of entry `index` (which the caller has range-checked).
    func entry(_ index: Int) throws(JiansuoError) -> ByteReader {
        ByteReader(try file.region(4 + index * entrySize..<4 + (index + 1) * entrySize), file: file.path)
    }

    /// Every entry, back to back, for columns read without per-entry checks.
    func entries() throws(JiansuoError) -> UnsafeRawBufferPointer {
        try file.region(4..<4 + count * entrySize)
    }

    /// Everything after the entries.
    func area() throws(JiansuoError) -> UnsafeRawBufferPointer {
        try file.region(4 + count * entrySize..<file.bodyLength)
    }

    /// The string at `offset`, `length` bytes, in the string area.
    func string(offset: Int, length: Int, of owner: @autoclosure () -> String) throws(JiansuoError) -> UnsafeRawBufferPointer {
        let area = 4 + count * entrySize
        guard offset <= file.bodyLength - area, length <= file.bodyLength - area - offset else {
            throw .corruptIndex(file: file.path, reason: "\(owner()) points past the end of the string area")
        }
        return try file.region(area + offset..<area + offset + length)
    }

    /// The writing side: entries and their strings, joined by `body`.
    struct Writer {
        private(set) var entries = ByteWriter()
        private var strings = ByteWriter()
        private var count = 0
        let entrySize: Int

        init(entrySize: Int, capacity: Int = 0) {
            self.entrySize = entrySize
            entries.reserveCapacity(4 + capacity * entrySize)
            entries.append(UInt32(0))
        }

        /// Appends one entry; `fields` must append exactly `entrySize` bytes.
        mutating func append(_ fields: (inout ByteWriter) -> Void) {
            fields(&entries)
            count += 1
            assert(entries.count == 4 + count * entrySize, "an entry must be \(entrySize) bytes")
        }

        /// Adds `bytes` to the string area, returning its (offset, length) for the entry.
        @discardableResult
        mutating func string(_ bytes: some Collection<UInt8>) -> (offset: UInt32, length: UInt32) {
            defer { strings.append(contentsOf: bytes) }
            return (UInt32(strings.count), UInt32(bytes.count))
        }

        var body: [UInt8] {
            var result = entries.bytes
            withUnsafeBytes(of: UInt32(count).littleEndian) { result.replaceSubrange(0..<4, with: $0) }
            result.append(contentsOf: strings.bytes)
            return result
        }
    }
}
