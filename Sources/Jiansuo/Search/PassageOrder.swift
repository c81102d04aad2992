/// The order of the snapshot's passages among equal scores: by document path (then segment,
/// for a path a deleted document shares with a live one), then by position in the
/// document. Paths are unique among live documents, and a document's passages are numbered
/// in text order within its segment.
///
/// Paths are read only when two different documents' passages tie, and each once: ranking
/// every document's path up front read all of them (23,386 on the 1 GB archive) and cost a
/// seventh of a whole `search` process, though most queries never compare two paths.
/// One query's, on one thread.
final class PassageOrder {
    private let segments: [SegmentReader]
    private let columns: [PassageColumns]
    /// Paths read so far, by `segment << 32 | document`; `nil` for a damaged record.
    private var paths: [Int: String?] = [:]

    init(segments: [SegmentReader]) throws(JiansuoError) {
        self.segments = segments
        var columns: [PassageColumns] = []
        for segment in segments { columns.append(try segment.passageColumns()) }
        self.columns = columns
    }

    /// The document of `passage` in `segment`.
    func document(segment: Int, passage: Int) -> Int {
        columns[segment].document(passage)
    }

    /// Whether passage `a` comes after passage `b` (each a segment, its document there and
    /// the passage) among equal scores.
    func follows(_ a: (segment: Int, document: Int, passage: Int), _ b: (segment: Int, document: Int, passage: Int)) -> Bool {
        if a.segment == b.segment && a.document == b.document { return a.passage > b.passage }
        // A damaged document record is reported when the hit is read; here it only sorts last.
        switch (path(a.segment, a.document), path(b.segment, b.document)) {
        case (nil, nil): return (a.segment, a.document) > (b.segment, b.document)
        case (nil, _): return true
        case (_, nil): return false
        case (let pathA?, let pathB?): return pathA != pathB ? pathA > pathB : a.segment > b.segment
        }
    }

    private func path(_ segment: Int, _ document: Int) -> String? {
        let key = segment << 32 | document
        if let known = paths[key] { return known }
        let path = try? segments[segment].document(document).path
        paths[key] = path
        return path
    }
}
