/// How often several terms stand at given relative positions within one passage: phrases
/// (words or characters, `PhraseCounter`) and proximity.
enum PositionalMatching {
    /// In one passage, how many positions close a window of at most `span` positions that
    /// holds every term.
    static func nearCount(_ positions: [ArraySlice<UInt32>], span: Int) -> Int {
        var merged: [(position: Int, term: Int)] = []
        for index in positions.indices {
            merged += positions[index].map { (Int($0), index) }
        }
        merged.sort { $0.position < $1.position }
        var counts = [Int](repeating: 0, count: positions.count)
        var present = 0, left = 0, windows = 0
        for right in merged.indices {
            if counts[merged[right].term] == 0 { present += 1 }
            counts[merged[right].term] += 1
            while counts[merged[left].term] > 1 {
                counts[merged[left].term] -= 1
                left += 1
            }
            if present == positions.count && merged[right].position - merged[left].position <= span { windows += 1 }
        }
        return windows
    }
}

/// Counts a phrase's occurrences in the passage where its keys' cursors all stand, as `rg`
/// counts a string: left to right, an occurrence overlapping the previous one is not
/// counted (代表代表代表 holds "代表代表" once), so counts equal the hits a concordance lists and
/// the ranges highlights show.
///
/// Key by key, from the fewest occurrences in the passage to the most (known from the
/// postings, before any position is read): the rarest key's positions propose starts, each
/// other key keeps the starts it confirms, and a passage holding every key but not the
/// phrase usually fails on the second key, its other keys' positions never read. One
/// counter serves a leaf over a whole segment, its buffers reused, so matching allocates
/// nothing per passage.
final class PhraseCounter {
    private let cursors: BorrowedArray<PostingsCursor>
    /// Per key, where it stands from the phrase's start (a word phrase: its index; a
    /// character phrase: its pair's first character, `CharacterTerms.phraseKeys`).
    private let offsets: [Int]
    /// The phrase's length in positions: the least distance between two starts counted.
    private let length: Int
    /// Per key, the first key sharing its cursor (a repeated key): positions are decoded
    /// once per passage, into that key's buffer.
    private let firstSharing: [Int]
    // The buffers are this counter's alone and used by one call at a time, so the dynamic
    // exclusivity check Swift makes on every access to a class's stored array (a quarter
    // of a phrase's time, with the retains around it) is left out.
    @exclusivity(unchecked) private var positions: [[UInt32]]
    /// The passage each buffer was decoded for.
    @exclusivity(unchecked) private var decodedFor: [Int]
    @exclusivity(unchecked) private var order: [Int]
    @exclusivity(unchecked) private var starts: [Int] = []

    init(_ cursors: BorrowedArray<PostingsCursor>, offsets: [Int], length: Int) {
        self.cursors = cursors
        self.offsets = offsets
        self.length = length
        let objects = cursors.elements
        firstSharing = objects.indices.map { index in objects.firstIndex { $0 === objects[index] } ?? index }
        positions = Array(repeating: [], count: cursors.count)
        decodedFor = Array(repeating: -1, count: cursors.count)
        order = Array(cursors.indices)
    }

    /// Occurrences of the phrase in the current passage: starts p where each key stands at
    /// p + its offset.
    func count() throws(JiansuoError) -> Int {
        guard !cursors.isEmpty else { return 0 }
        let passage = cursors.read(0) { $0.passage }
        // Insertion sort: a handful of keys.
        for index in 1..<max(order.count, 1) {
            var position = index
            while position > 0
                && cursors.read(order[position - 1], { $0.frequency }) > cursors.read(order[position], { $0.frequency }) {
                order.swapAt(position - 1, position)
                position -= 1
            }
        }
        starts.removeAll(keepingCapacity: true)
        for (rank, key) in order.enumerated() {
            let slot = firstSharing[key]
            if decodedFor[slot] != passage {
                try cursors.call(slot) { (cursor) throws(JiansuoError) in try cursor.positions(into: &positions[slot]) }
                decodedFor[slot] = passage
            }
            let offset = offsets[key]
            if rank == 0 {
                for position in positions[slot] where Int(position) >= offset { starts.append(Int(position) - offset) }
            } else {
                Self.keepConfirmed(&starts, by: positions[slot], offset: offset)
            }
            if starts.isEmpty { return 0 }
        }
        var count = 0, nextFree = 0
        for start in starts where start >= nextFree {
            count += 1
            nextFree = start + length
        }
        return count
    }

    /// Keeps the starts s (increasing) for which `sorted` holds s + `offset`: one merge.
    private static func keepConfirmed(_ starts: inout [Int], by sorted: [UInt32], offset: Int) {
        var kept = 0, index = 0
        for start in starts {
            let wanted = start + offset
            while index < sorted.count && Int(sorted[index]) < wanted { index += 1 }
            if index < sorted.count && Int(sorted[index]) == wanted {
                starts[kept] = start
                kept += 1
            }
        }
        starts.removeLast(starts.count - kept)
    }
}
