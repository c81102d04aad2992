/// `NAME.text` (kind TEXT) — the documents' UTF-8 text, back to back, in document order;
/// each document's entry (`DocumentsFile`) gives its range. Passages, snippets and the
/// checker's content hashes read it in place.
enum TextFile {
    struct Reader: Sendable {
        let file: MappedFile

        var length: Int { file.bodyLength }

        /// The UTF-8 bytes of `range` within a document's text.
        func bytes(of document: StoredDocument, range: Range<Int>) throws(JiansuoError) -> UnsafeRawBufferPointer {
            guard range.lowerBound >= 0, range.upperBound <= document.text.count else {
                throw .corruptIndex(
                    file: file.path, reason: "byte range \(range) lies outside a document of \(document.text.count) bytes")
            }
            return try file.region(document.text.lowerBound + range.lowerBound..<document.text.lowerBound + range.upperBound)
        }
    }
}
