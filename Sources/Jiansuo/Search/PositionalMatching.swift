/// Passages where several terms stand at given relative positions, found from their
/// postings: phrases (words or characters) and proximity.
enum PositionalMatching {
    /// One passage and how often the leaf occurs there.
    typealias Occurrence = (passage: UInt32, frequency: Int)

    static func positions(_ list: TermPostings, _ cursor: Int) -> ArraySlice<UInt32> {
        list.positions[list.positionStarts[cursor]..<list.positionStarts[cursor + 1]]
    }

    /// Calls `body` with the cursors of every passage present in all `lists`, driving from
    /// the shortest list so that the rare term decides how much work is done.
    static func forEachCommonPassage(_ lists: [TermPostings], _ body: (UInt32, [Int]) -> Void) {
        guard let driver = lists.indices.min(by: { lists[$0].passages.count < lists[$1].passages.count }) else { return }
        var cursors = [Int](repeating: 0, count: lists.count)
        for (driverCursor, passage) in lists[driver].passages.enumerated() {
            cursors[driver] = driverCursor
            var present = true
            for index in lists.indices where index != driver {
                let found = advance(lists[index].passages, from: cursors[index], to: passage)
                cursors[index] = found
                guard found < lists[index].passages.count, lists[index].passages[found] == passage else {
                    present = false
                    break
                }
            }
            if present { body(passage, cursors) }
        }
    }

    /// The first index at or after `start` whose value is ≥ `target` (galloping search).
    static func advance(_ sorted: [UInt32], from start: Int, to target: UInt32) -> Int {
        var low = start, step = 1
        while low + step < sorted.count && sorted[low + step] < target {
            low += step
            step *= 2
        }
        var high = min(sorted.count, low + step + 1)
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Passages where `lists[i]` occurs at position p + i for some p, with how many such p.
    static func phrase(_ lists: [TermPostings]) -> [Occurrence] {
        var result: [Occurrence] = []
        forEachCommonPassage(lists) { passage, cursors in
            let count = phraseCount(lists.indices.map { positions(lists[$0], cursors[$0]) })
            if count > 0 { result.append((passage, count)) }
        }
        return result
    }

    /// Passages where all terms occur within a window of `lists.count - 1 + distance`
    /// positions, with the number of positions that close such a window.
    static func near(_ lists: [TermPostings], distance: Int) -> [Occurrence] {
        var result: [Occurrence] = []
        let span = lists.count - 1 + distance
        forEachCommonPassage(lists) { passage, cursors in
            let windows = nearCount(lists.indices.map { positions(lists[$0], cursors[$0]) }, span: span)
            if windows > 0 { result.append((passage, windows)) }
        }
        return result
    }

    /// In one passage, how many p have `positions[i]` holding p + i for every i.
    static func phraseCount(_ positions: [ArraySlice<UInt32>]) -> Int {
        // Try each start implied by the rarest term's positions.
        guard let pivot = positions.indices.min(by: { positions[$0].count < positions[$1].count }) else { return 0 }
        var count = 0
        for position in positions[pivot] where Int(position) >= pivot {
            let start = Int(position) - pivot
            if positions.indices.allSatisfy({ $0 == pivot || contains(positions[$0], start + $0) }) { count += 1 }
        }
        return count
    }

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

    private static func contains(_ sorted: ArraySlice<UInt32>, _ value: Int) -> Bool {
        guard value >= 0, value <= Int(UInt32.max) else { return false }
        var low = sorted.startIndex, high = sorted.endIndex
        while low < high {
            let middle = (low + high) / 2
            if Int(sorted[middle]) < value { low = middle + 1 } else { high = middle }
        }
        return low < sorted.endIndex && Int(sorted[low]) == value
    }
}
