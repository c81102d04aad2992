/// A document turned into text, ready for passage splitting.
public struct DocumentContent: Sendable {
    /// Valid UTF-8: what the index stores and what passage offsets refer to. For HTML,
    /// Word and PDF it is the extracted text, not the file's bytes.
    public var utf8: [UInt8]
    /// A title the document carries itself (HTML `<title>`, Word's document title), if any.
    public var title: String?
    public var format: DocumentFormat
    /// The encoding the text was read in ("UTF-8", "GB18030", …); for Word and PDF, whose
    /// formats fix the encoding, "UTF-8".
    public var encoding: String
    /// Bytes of the file on disk.
    public var fileSize: Int
    /// Headings the format marks (HTML `<h1>`–`<h6>`, Word heading styles).
    var headings: [MarkedHeading] = []
}

/// Turns a file into a `DocumentContent`: the one place that knows about formats.
public enum DocumentReader {
    /// Reads the file at `path`. A file of an unknown extension, when asked for by name,
    /// is read as plain text.
    /// - Parameter encoding: forces the encoding of text and HTML files (an ICU name such
    ///   as "GB18030", "Big5", "UTF-16LE"); detected when `nil`.
    public static func read(_ path: String, encoding: String? = nil) throws(JiansuoError) -> DocumentContent {
        let format = DocumentFormat(path: path) ?? .text
        switch format {
        case .pdf:
            // pdftotext reads the file itself.
            let text = try PDFText.extract(path: path)
            let decoded = try TextDecoder.decode(text, path: path, forced: "UTF-8")
            let size = try FileSystem.status(path)?.size ?? text.count
            return DocumentContent(utf8: decoded.utf8, title: nil, format: format, encoding: "UTF-8", fileSize: size)
        case .text, .markdown:
            let bytes = try FileSystem.readFile(path)
            let decoded = try TextDecoder.decode(bytes, path: path, forced: encoding)
            return DocumentContent(utf8: decoded.utf8, title: nil, format: format, encoding: decoded.encoding, fileSize: bytes.count)
        case .html:
            let bytes = try FileSystem.readFile(path)
            let decoded = try TextDecoder.decode(
                bytes, path: path, forced: encoding, declared: HTMLText.declaredCharset(in: bytes))
            let page = HTMLText.extract(decoded.utf8)
            return DocumentContent(
                utf8: page.text, title: page.title, format: format, encoding: decoded.encoding, fileSize: bytes.count,
                headings: page.headings)
        case .docx:
            let bytes = try FileSystem.readFile(path)
            let document = try DocxText.extract(bytes, path: path)
            return DocumentContent(
                utf8: document.text, title: document.title, format: format, encoding: "UTF-8", fileSize: bytes.count,
                headings: document.headings)
        }
    }

    /// The bytes of the file at `path`, for callers outside the library (a pattern file).
    package static func readBytes(_ path: String) throws(JiansuoError) -> [UInt8] {
        try FileSystem.readFile(path)
    }
}
