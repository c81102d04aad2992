/// Files as documents: the writer itself takes documents; these read them from disk
/// through Ingest first.
extension IndexWriter {
    /// Adds every document under `folder` (or `folder` itself, if it is a file) not in the
    /// index yet: text, Markdown, HTML, Word and PDF files (see `DocumentFormat`), read and
    /// analyzed on all threads, with what a `metadata.csv` or `metadata.tsv` at the top of
    /// `folder` says of them (`MetadataSidecar`). Files that cannot be read or decoded, and
    /// files already in the index, are reported, not fatal. `FolderSync` does more: it also
    /// replaces changed files and removes those gone.
    /// - Parameters:
    ///   - year: overrides the year of every document, from the sidecar or detected.
    ///   - encoding: forces the encoding of text and HTML files instead of detecting it.
    @discardableResult
    public func addFolder(_ folder: String, year: Int? = nil, encoding: String? = nil) throws(JiansuoError) -> IndexReport {
        try FolderSync(policy: .addNew, year: year, encoding: encoding).run([folder], into: self)
    }

    /// Adds one file, of any `DocumentFormat` (an unknown extension is read as text).
    /// Returns its size in bytes.
    /// - Parameter encoding: forces the encoding of a text or HTML file.
    @discardableResult
    public func addFile(
        _ path: String, year: Int? = nil, title: String? = nil, source: String? = nil, encoding: String? = nil
    ) throws(JiansuoError) -> Int {
        let job = FileJob(path: path, year: year, title: title, source: source, encoding: encoding)
        switch ParallelAnalysis.analyzeFile(job, splitter: splitter, analyzer: analyzer).result {
        case .success(let (fileBuilder, content)):
            try add(fileBuilder, path: path)
            return content.fileSize
        case .failure(let error):
            throw error
        }
    }
}
