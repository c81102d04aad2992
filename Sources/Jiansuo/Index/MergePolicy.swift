/// Decides, at each commit, which segments to merge: a tiered policy.
///
/// Segments are grouped in tiers by size (live passages, in powers of `segmentsPerTier`);
/// a tier holding `segmentsPerTier` or more segments is merged into one, which lands in
/// the next tier — so each passage is rewritten about once per tier, a logarithmic number
/// of times, however many small commits there are. Separately, a segment whose deleted
/// passages exceed `maximumDeletedFraction` is rewritten to reclaim them.
public struct MergePolicy: Sendable {
    public var segmentsPerTier: Int
    public var maximumDeletedFraction: Double

    public init(segmentsPerTier: Int = 8, maximumDeletedFraction: Double = 0.25) {
        self.segmentsPerTier = max(2, segmentsPerTier)
        self.maximumDeletedFraction = maximumDeletedFraction
    }

    /// Never merges.
    public static let none = MergePolicy(segmentsPerTier: Int.max, maximumDeletedFraction: 2)

    /// Groups of indices into `segments` to merge, each group into one new segment.
    func merges(_ segments: [SegmentInfo]) -> [[Int]] {
        var groups: [[Int]] = []
        var taken = Set<Int>()
        let tooDeleted = segments.indices.filter { index in
            let info = segments[index]
            return info.passageCount > 0
                && Double(info.deletedPassages) > maximumDeletedFraction * Double(info.passageCount)
        }
        if !tooDeleted.isEmpty {
            groups.append(tooDeleted)
            taken.formUnion(tooDeleted)
        }
        var tiers: [Int: [Int]] = [:]
        for index in segments.indices where !taken.contains(index) {
            tiers[tier(of: segments[index].livePassages), default: []].append(index)
        }
        for tier in tiers.keys.sorted() {
            if let members = tiers[tier], members.count >= segmentsPerTier { groups.append(members) }
        }
        return groups
    }

    private func tier(of passages: Int) -> Int {
        guard segmentsPerTier < Int.max / 2 else { return 0 }
        var tier = 0, limit = segmentsPerTier
        while passages >= limit, limit < Int.max / segmentsPerTier {
            tier += 1
            limit *= segmentsPerTier
        }
        return tier
    }
}
