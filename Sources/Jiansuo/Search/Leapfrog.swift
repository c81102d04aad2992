/// Something that walks the passages of a postings list in increasing order: one term's
/// cursor (`PostingsCursor`), or a plan leaf whose keys are walked together (`LeafCursor`).
protocol PassageCursor {
    /// The current passage: −1 before the first move, `PostingsCursor.end` after the last.
    var passage: Int { get }
    /// How many passages the list can yield, at most: what picks the lead of a conjunction.
    var passageFrequency: Int { get }
    /// Moves to the first passage ≥ `target` (never backwards) and returns it.
    func advance(to target: Int) throws(JiansuoError) -> Int
}

extension PostingsCursor: PassageCursor {}

/// The intersection of postings lists, walked as tantivy's and Lucene's conjunctions walk
/// them: a lead cursor (the rarest) proposes a passage, the others advance to it, and the
/// first that overshoots proposes the next. Every conjunction — a phrase's keys, a query's
/// required leaves, counting inside a skipped block — takes its steps here.
enum Leapfrog {
    /// One step from `candidate`, where `cursors[lead]` stands: advances the other cursors
    /// to it. `aligned` when every one is there; otherwise `passage` is the lead advanced
    /// to where the first cursor that overshot stands (`PostingsCursor.end` when a list ran
    /// out), the next candidate. A cursor may appear more than once (a repeated key).
    static func step<Cursor: PassageCursor & AnyObject>(
        _ cursors: BorrowedArray<Cursor>, lead: Int, at candidate: Int
    ) throws(JiansuoError) -> (passage: Int, aligned: Bool) {
        for index in cursors.indices where index != lead {
            let found = try cursors.call(index) { (cursor) throws(JiansuoError) in try cursor.advance(to: candidate) }
            if found > candidate {
                if found == PostingsCursor.end { return (PostingsCursor.end, false) }
                return (try cursors.call(lead) { (cursor) throws(JiansuoError) in try cursor.advance(to: found) }, false)
            }
        }
        return (candidate, true)
    }

    /// The first passage from `candidate` on (where `cursors[lead]` stands) that every
    /// cursor holds, each cursor left there; `PostingsCursor.end` when there is none.
    static func align<Cursor: PassageCursor & AnyObject>(
        _ cursors: BorrowedArray<Cursor>, lead: Int, from candidate: Int
    ) throws(JiansuoError) -> Int {
        var passage = candidate
        while passage != PostingsCursor.end {
            let (next, aligned) = try step(cursors, lead: lead, at: passage)
            if aligned { return passage }
            passage = next
        }
        return passage
    }

    /// The index of the cursor with the fewest passages: the one to lead.
    static func rarest<Cursor: PassageCursor>(_ cursors: [Cursor]) -> Int {
        cursors.indices.min { cursors[$0].passageFrequency < cursors[$1].passageFrequency } ?? 0
    }
}
