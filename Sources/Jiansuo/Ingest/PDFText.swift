/// The text of a PDF, through poppler's `pdftotext` when it is installed. Jiansuo does not
/// parse PDF itself: text extraction from PDF is a project of its own, and poppler's is
/// the one Linux distributions ship.
enum PDFText {
    static let toolName = "pdftotext"
    static let missingToolReason = "PDF needs pdftotext, which is not installed; install poppler-utils (apt-get install poppler-utils) to index PDF files"

    /// The text of the PDF at `path`, as UTF-8 with pages separated by form feeds.
    /// - Parameter searchPath: where to look for `pdftotext` (default: `$PATH`).
    static func extract(path: String, searchPath: String? = ExternalProgram.searchPath) throws(JiansuoError) -> [UInt8] {
        guard let tool = ExternalProgram.find(toolName, searchPath: searchPath) else {
            throw .unreadableDocument(path: path, reason: missingToolReason)
        }
        // Without -layout pdftotext keeps reading order; "-" writes to standard output.
        let argument = path.hasPrefix("-") ? "./" + path : path  // not to be taken for an option
        let (output, status) = try ExternalProgram.run(tool, ["-enc", "UTF-8", "-q", argument, "-"])
        guard status == 0 else {
            throw .unreadableDocument(path: path, reason: "pdftotext could not read it (exit status \(status)): damaged, encrypted or not a PDF")
        }
        return output
    }
}
