/// Writes a `SegmentBuilder` as the five files of one immutable segment, each in the
/// `IndexFile` envelope. Layout of the bodies, all integers little-endian:
///
/// `NAME.terms` — the term dictionary, sorted by the terms' UTF-8 bytes:
///
///     termCount u32
///     termCount × { stringOffset u32, stringLength u32,       (into the string area)
///                   postingsOffset u64, postingsLength u64,   (into NAME.postings' body)
///                   passageFrequency u32, reserved u32 }       32 bytes each
///     string area: the terms' UTF-8 bytes
///
/// `NAME.postings` — for each term, `passageFrequency` entries in increasing passage order:
///
///     varint passage − previous passage (the first: the passage id itself)
///     varint frequency ≥ 1
///     frequency × varint position − previous position (the first: the position itself)
///
/// `NAME.passages` — `passageCount u32`, then per passage 20 bytes:
///
///     document u32, start u32, end u32 (byte range in the document's text),
///     tokenCount u32, year u16 (0 = unknown), reserved u16
///
/// `NAME.docs` — `documentCount u32`, then per document 72 bytes, then a string area:
///
///     pathOffset u32, pathLength u32, titleOffset u32, titleLength u32 (into the string area),
///     textOffset u64, textLength u64 (into NAME.text's body),
///     firstPassage u32, passageCount u32, year u16, reserved u16, reserved u32,
///     fileSize u64, modificationNanoseconds i64, contentHash u64 (FNV-1a of the text)
///
/// `NAME.text` — the documents' UTF-8 text, back to back.
///
/// Varints are LEB128. Readers check every offset, length and id against the sizes above.
enum SegmentWriter {
    static let termEntrySize = 32
    static let passageEntrySize = 20
    static let documentEntrySize = 72

    /// Writes the segment's files into `directory` and flushes them to disk.
    static func write(_ builder: SegmentBuilder, name: String, in directory: String) throws(JiansuoError) {
        let files: [(IndexFile.Kind, [UInt8])] = [
            (.text, builder.text),
            (.documents, documentsBody(builder)),
            (.passages, passagesBody(builder)),
        ] + termsAndPostingsBodies(builder)
        for (kind, body) in files {
            let path = FileSystem.join(directory, SegmentFiles.fileName(segment: name, kind: kind))
            try FileSystem.writeDurably(IndexFile.encode(kind: kind, body: body), to: path)
        }
    }

    private static func termsAndPostingsBodies(_ builder: SegmentBuilder) -> [(IndexFile.Kind, [UInt8])] {
        let terms = builder.terms
        let utf8Terms = (0..<terms.count).map { Array(String(decoding: terms.term($0), as: UTF16.self).utf8) }
        let order = (0..<terms.count).sorted { utf8Terms[$0].lexicographicallyPrecedes(utf8Terms[$1]) }
        var dictionary = ByteWriter()
        var strings = ByteWriter()
        var postings = ByteWriter()
        dictionary.append(UInt32(order.count))
        for id in order {
            let termPostings = builder.postings[id].bytes
            dictionary.append(UInt32(strings.count))
            dictionary.append(UInt32(utf8Terms[id].count))
            dictionary.append(UInt64(postings.count))
            dictionary.append(UInt64(termPostings.count))
            dictionary.append(builder.documentFrequencies[id])
            dictionary.append(UInt32(0))
            strings.append(contentsOf: utf8Terms[id])
            postings.append(contentsOf: termPostings)
        }
        dictionary.append(contentsOf: strings.bytes)
        return [(.terms, dictionary.bytes), (.postings, postings.bytes)]
    }

    private static func passagesBody(_ builder: SegmentBuilder) -> [UInt8] {
        var body = ByteWriter()
        body.reserveCapacity(4 + builder.passages.count * passageEntrySize)
        body.append(UInt32(builder.passages.count))
        for passage in builder.passages {
            body.append(passage.document)
            body.append(passage.start)
            body.append(passage.end)
            body.append(passage.tokenCount)
            body.append(passage.year)
            body.append(UInt16(0))
        }
        return body.bytes
    }

    private static func documentsBody(_ builder: SegmentBuilder) -> [UInt8] {
        var body = ByteWriter()
        var strings = ByteWriter()
        body.append(UInt32(builder.documents.count))
        for document in builder.documents {
            let path = Array(document.path.utf8), title = Array(document.title.utf8)
            body.append(UInt32(strings.count))
            body.append(UInt32(path.count))
            strings.append(contentsOf: path)
            body.append(UInt32(strings.count))
            body.append(UInt32(title.count))
            strings.append(contentsOf: title)
            body.append(UInt64(document.textOffset))
            body.append(UInt64(document.textLength))
            body.append(UInt32(document.firstPassage))
            body.append(UInt32(document.passageCount))
            body.append(document.year)
            body.append(UInt16(0))
            body.append(UInt32(0))
            body.append(UInt64(document.fileSize))
            body.append(document.modificationNanoseconds)
            body.append(document.contentHash)
        }
        body.append(contentsOf: strings.bytes)
        return body.bytes
    }
}

/// How a segment's files are named: `NAME.EXTENSION`, the extension telling the kind.
enum SegmentFiles {
    static let kinds: [IndexFile.Kind] = [.terms, .postings, .passages, .documents, .text]

    static func fileName(segment: String, kind: IndexFile.Kind) -> String {
        segment + "." + kind.fileExtension
    }
}
