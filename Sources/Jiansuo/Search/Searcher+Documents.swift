/// A document's identifier: 16 lowercase hex digits of the 64-bit FNV-1a hash of its
/// indexed path. It stays the same across commits while the path does, so a link to a
/// document survives re-indexing, and it names no file: it is looked up, never opened.
public enum DocumentID {
    public static func of(path: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Whether `text` has the form of an identifier.
    public static func isWellFormed(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 16 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

/// A live document of the index, as a list of documents shows it.
public struct IndexedDocument: Sendable, Hashable {
    /// `DocumentID.of(path:)`.
    public var id: String { DocumentID.of(path: path) }
    /// The document's path as it was indexed.
    public let path: String
    public let title: String
    /// `nil` when unknown.
    public let year: Int?
}

/// A document's whole stored text, with where its passages and a query's hits are.
public struct DocumentText: Sendable, Equatable {
    /// `DocumentID.of(path:)`.
    public var id: String { DocumentID.of(path: path) }
    public let path: String
    public let title: String
    public let year: Int?
    public let text: String
    /// Each passage's UTF-8 byte range in `text`, in order.
    public let passages: [Range<Int>]
    /// The query's words and phrases as UTF-8 byte ranges in `text`, sorted and disjoint;
    /// found passage by passage, as search highlights them, so no hit crosses a passage.
    public let highlights: [Range<Int>]
    /// The document's headings, in order, so a reader can show its structure.
    public let headings: [DocumentHeading]
}

/// A heading of a document: the passage that opens a section.
public struct DocumentHeading: Sendable, Equatable {
    /// The heading's UTF-8 byte range in the document's text (one of its passages).
    public let range: Range<Int>
    /// 1 for an outermost section, 2 for a section within it, and so on.
    public let depth: Int
}

extension Searcher {
    /// Every live (not deleted) document, in index order.
    public func documents() throws(JiansuoError) -> [IndexedDocument] {
        var documents: [IndexedDocument] = []
        for (segmentIndex, segment) in snapshot.segments.enumerated() {
            for index in 0..<segment.documentCount where !snapshot.isDeleted(segment: segmentIndex, document: index) {
                let document = try segment.document(index)
                documents.append(IndexedDocument(path: document.path, title: document.title, year: document.year))
            }
        }
        return documents
    }

    /// The live document whose `DocumentID` is `id`, with the hits of `query` when one is
    /// given; `nil` when the index holds no such document. Identifiers are compared with
    /// the indexed paths' — nothing is opened by name.
    public func document(
        id: String, highlighting query: String? = nil, defaultOperator: DefaultOperator = .all
    ) throws(JiansuoError) -> DocumentText? {
        try document(where: { DocumentID.of(path: $0) == id }, highlighting: query, defaultOperator: defaultOperator)
    }

    /// The live document indexed under `path` (see `document(id:…)`).
    public func document(
        path: String, highlighting query: String? = nil, defaultOperator: DefaultOperator = .all
    ) throws(JiansuoError) -> DocumentText? {
        try document(where: { $0 == path }, highlighting: query, defaultOperator: defaultOperator)
    }

    private func document(
        where matches: (String) -> Bool, highlighting query: String?, defaultOperator: DefaultOperator
    ) throws(JiansuoError) -> DocumentText? {
        let analyzer = try analyzer()
        let highlighter = try query.map { (query: String) throws(JiansuoError) in
            Highlighter(plan: try QueryPlan(Query.parse(query), analyzer: analyzer, defaultOperator: defaultOperator))
        }
        for (segmentIndex, segment) in snapshot.segments.enumerated() {
            for index in 0..<segment.documentCount where !snapshot.isDeleted(segment: segmentIndex, document: index) {
                let document = try segment.document(index)
                guard matches(document.path) else { continue }
                let text = String(decoding: try segment.textBytes(of: document, range: 0..<document.text.count), as: UTF8.self)
                var passages: [Range<Int>] = [], highlights: [Range<Int>] = [], headings: [DocumentHeading] = []
                for passageIndex in document.passages {
                    let passage = try segment.passage(passageIndex)
                    let range = Int(passage.start)..<Int(passage.end)
                    passages.append(range)
                    if let section = passage.section, Int(try segment.section(Int(section)).headingPassage) == passageIndex {
                        headings.append(DocumentHeading(range: range, depth: try segment.sectionPath(of: passage).count))
                    }
                    guard let highlighter else { continue }
                    let passageText = String(decoding: try segment.textBytes(of: document, range: range), as: UTF8.self)
                    highlights += try highlighter.highlights(in: passageText, analyzer: analyzer).map {
                        range.lowerBound + $0.lowerBound..<range.lowerBound + $0.upperBound
                    }
                }
                return DocumentText(
                    path: document.path, title: document.title, year: document.year, text: text,
                    passages: passages, highlights: highlights, headings: headings)
            }
        }
        return nil
    }
}
