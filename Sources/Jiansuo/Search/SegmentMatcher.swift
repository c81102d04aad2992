/// Finds, in one segment, the passages that contain every element of a query, with each
/// element's frequency there. Shared by ranked search and counting so both agree exactly.
struct SegmentMatcher {
    let segment: SegmentReader
    let query: AnalyzedQuery
    var requireAll = true

    /// One matching passage and, per query element, how often it occurs there.
    struct Match {
        var passage: Int
        var frequencies: [Int]
    }

    func matches() throws(JiansuoError) -> [Match] {
        var postingsByTerm: [String: TermPostings] = [:]
        for term in query.distinctTerms {
            guard let entry = try segment.lookup(Array(term.utf8)) else {
                if requireAll { return [] }
                continue
            }
            postingsByTerm[term] = try segment.decodePostings(entry)
        }
        // Per element: passage → frequency, for the passages where the element occurs.
        var elementMatches: [[(passage: UInt32, frequency: Int)]] = []
        for element in query.elements {
            let lists = element.compactMap { postingsByTerm[$0] }
            let found = lists.count < element.count ? []
                : element.count == 1 ? Self.termMatches(lists[0]) : Self.phraseMatches(lists)
            if found.isEmpty && requireAll { return [] }
            elementMatches.append(found)
        }
        return requireAll ? Self.intersect(elementMatches) : Self.union(elementMatches)
    }

    private static func termMatches(_ postings: TermPostings) -> [(passage: UInt32, frequency: Int)] {
        postings.passages.indices.map { (postings.passages[$0], postings.frequency(at: $0)) }
    }

    /// Passages where the terms occur at consecutive positions, and how often.
    private static func phraseMatches(_ lists: [TermPostings]) -> [(passage: UInt32, frequency: Int)] {
        var cursors = [Int](repeating: 0, count: lists.count)
        var result: [(passage: UInt32, frequency: Int)] = []
        guard var candidate = lists[0].passages.first else { return [] }
        outer: while true {
            // Advance every list to `candidate`; restart with a larger one if it is missing.
            for (index, list) in lists.enumerated() {
                while cursors[index] < list.passages.count && list.passages[cursors[index]] < candidate {
                    cursors[index] += 1
                }
                guard cursors[index] < list.passages.count else { break outer }
                if list.passages[cursors[index]] > candidate {
                    candidate = list.passages[cursors[index]]
                    continue outer
                }
            }
            let frequency = phraseFrequency(lists, cursors)
            if frequency > 0 { result.append((candidate, frequency)) }
            cursors[0] += 1
            guard cursors[0] < lists[0].passages.count else { break }
            candidate = lists[0].passages[cursors[0]]
        }
        return result
    }

    /// How many start positions p of the first term have term i at p + i for every i.
    private static func phraseFrequency(_ lists: [TermPostings], _ cursors: [Int]) -> Int {
        let positions = lists.indices.map { index in
            let list = lists[index], cursor = cursors[index]
            return list.positions[list.positionStarts[cursor]..<list.positionStarts[cursor + 1]]
        }
        var count = 0
        for start in positions[0] {
            var matched = true
            for index in 1..<positions.count {
                let wanted = UInt64(start) + UInt64(index)
                guard binarySearch(positions[index], for: wanted) else { matched = false; break }
            }
            if matched { count += 1 }
        }
        return count
    }

    private static func binarySearch(_ sorted: ArraySlice<UInt32>, for value: UInt64) -> Bool {
        var low = sorted.startIndex, high = sorted.endIndex
        while low < high {
            let middle = (low + high) / 2
            if UInt64(sorted[middle]) < value { low = middle + 1 } else { high = middle }
        }
        return low < sorted.endIndex && UInt64(sorted[low]) == value
    }

    /// The passages present in any list, with each list's frequency (0 where absent).
    private static func union(_ lists: [[(passage: UInt32, frequency: Int)]]) -> [Match] {
        var frequencies: [UInt32: [Int]] = [:]
        for (index, list) in lists.enumerated() {
            for (passage, frequency) in list {
                frequencies[passage, default: [Int](repeating: 0, count: lists.count)][index] = frequency
            }
        }
        return frequencies.keys.sorted().map { Match(passage: Int($0), frequencies: frequencies[$0] ?? []) }
    }

    /// The passages present in every list, with each list's frequency.
    private static func intersect(_ lists: [[(passage: UInt32, frequency: Int)]]) -> [Match] {
        var result: [Match] = []
        var cursors = [Int](repeating: 0, count: lists.count)
        for (passage, frequency) in lists[0] {
            var frequencies = [frequency]
            var present = true
            for index in 1..<lists.count {
                let list = lists[index]
                while cursors[index] < list.count && list[cursors[index]].passage < passage { cursors[index] += 1 }
                guard cursors[index] < list.count, list[cursors[index]].passage == passage else {
                    present = false
                    break
                }
                frequencies.append(list[cursors[index]].frequency)
            }
            if present { result.append(Match(passage: Int(passage), frequencies: frequencies)) }
        }
        return result
    }
}
