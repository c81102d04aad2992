/// How often several terms stand at given relative positions within one passage: phrases
/// (words or characters) and proximity.
enum PositionalMatching {
    /// One passage and how often the leaf occurs there.
    typealias Occurrence = (passage: UInt32, frequency: Int)

    /// In one passage, how many times the terms stand at consecutive positions p, p + 1, …,
    /// counted as `rg` counts a string: left to right, an occurrence overlapping the previous
    /// one is not counted (代表代表代表 holds "代表代表" once), so counts equal the hits a
    /// concordance lists and the ranges highlights show.
    static func phraseCount(_ positions: [ArraySlice<UInt32>]) -> Int {
        // Try each start implied by the rarest term's positions.
        guard let pivot = positions.indices.min(by: { positions[$0].count < positions[$1].count }) else { return 0 }
        var count = 0
        var nextFree = 0
        for position in positions[pivot] where Int(position) >= pivot {
            let start = Int(position) - pivot
            guard start >= nextFree else { continue }
            if positions.indices.allSatisfy({ $0 == pivot || contains(positions[$0], start + $0) }) {
                count += 1
                nextFree = start + positions.count
            }
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
