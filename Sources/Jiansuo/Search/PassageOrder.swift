/// The order of the snapshot's passages among equal scores: by document path, then by
/// position in the document. Paths are unique among live documents, and a document's
/// passages are numbered in text order within its segment.
struct PassageOrder {
    /// Per segment, per document, the rank of its path among all the snapshot's documents.
    let documentRanks: [[Int32]]
    let columns: [PassageColumns]

    func documentRank(segment: Int, passage: Int) -> Int32 {
        let ranks = documentRanks[segment]
        let document = columns[segment].document(passage)
        // A damaged passage table is reported when the passage is read; here it only sorts last.
        return document < ranks.count ? ranks[document] : Int32.max
    }
}
