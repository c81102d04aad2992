/// The intersection of postings lists, walked as tantivy's and Lucene's conjunctions walk
/// them: a lead cursor (the rarest) proposes a passage, the others advance to it, and the
/// first that overshoots proposes the next. Every conjunction — a phrase's keys, a query's
/// required words, counting inside a skipped block — takes its steps here.
enum Leapfrog {
    /// One step from `candidate`, where `cursors[lead]` stands: advances the other cursors
    /// to it. `aligned` when every one is there; otherwise `passage` is the lead advanced
    /// to where the first cursor that overshot stands (`PostingsCursor.end` when a list ran
    /// out), the next candidate.
    static func step(
        _ cursors: [PostingsCursor], lead: Int, at candidate: Int
    ) throws(JiansuoError) -> (passage: Int, aligned: Bool) {
        let leader = cursors[lead]
        for cursor in cursors where cursor !== leader {
            let found = try cursor.advance(to: candidate)
            if found > candidate {
                if found == PostingsCursor.end { return (PostingsCursor.end, false) }
                return (try leader.advance(to: found), false)
            }
        }
        return (candidate, true)
    }

    /// The first passage from `candidate` on (where `cursors[lead]` stands) that every
    /// cursor holds, each cursor left there; `PostingsCursor.end` when there is none.
    static func align(_ cursors: [PostingsCursor], lead: Int, from candidate: Int) throws(JiansuoError) -> Int {
        var passage = candidate
        while passage != PostingsCursor.end {
            let (next, aligned) = try step(cursors, lead: lead, at: passage)
            if aligned { return passage }
            passage = next
        }
        return passage
    }

    /// The index of the cursor with the fewest passages: the one to lead.
    static func rarest(_ cursors: [PostingsCursor]) -> Int {
        cursors.indices.min { cursors[$0].passageFrequency < cursors[$1].passageFrequency } ?? 0
    }
}
