/// Decides, at each commit, which segments to merge: a tiered policy.
///
/// Segments are grouped in tiers by size (live passages, in powers of `segmentsPerTier`);
/// a tier holding `segmentsPerTier` or more segments is merged into one, which lands in
/// the next tier — so each passage is rewritten about once per tier, a logarithmic number
/// of times, however many small commits there are. Separately, a segment whose deleted
/// passages exceed `maximumDeletedFraction` is rewritten to reclaim them.
///
/// A merge builds its new segment in memory, so no merge may produce more than
/// `maximumMergedTokens` live tokens: that keeps merging within the writer's memory
/// budget (`IndexWriter` sets it from its buffer size), at the price of more segments in a
/// large index — segments as big as a full buffer are never merged again.
public struct MergePolicy: Sendable {
    public var segmentsPerTier: Int
    public var maximumDeletedFraction: Double
    public var maximumMergedTokens: UInt64

    public init(segmentsPerTier: Int = 8, maximumDeletedFraction: Double = 0.25, maximumMergedTokens: UInt64 = .max) {
        self.segmentsPerTier = max(2, segmentsPerTier)
        self.maximumDeletedFraction = maximumDeletedFraction
        self.maximumMergedTokens = maximumMergedTokens
    }

    /// Never merges.
    public static let none = MergePolicy(segmentsPerTier: Int.max, maximumDeletedFraction: 2, maximumMergedTokens: 0)

    /// Groups of indices into `segments` to merge, each group into one new segment.
    func merges(_ segments: [SegmentInfo]) -> [[Int]] {
        var groups: [[Int]] = []
        var taken = Set<Int>()
        let tooDeleted = segments.indices.filter { index in
            let info = segments[index]
            return info.passageCount > 0
                && Double(info.deletedPassages) > maximumDeletedFraction * Double(info.passageCount)
        }
        if !tooDeleted.isEmpty && fits(tooDeleted, segments) {
            groups.append(tooDeleted)
            taken.formUnion(tooDeleted)
        }
        var tiers: [Int: [Int]] = [:]
        for index in segments.indices where !taken.contains(index) {
            tiers[tier(of: segments[index].livePassages), default: []].append(index)
        }
        for tier in tiers.keys.sorted() {
            if let members = tiers[tier], members.count >= segmentsPerTier, fits(members, segments) {
                groups.append(members)
            }
        }
        return groups
    }

    private func fits(_ group: [Int], _ segments: [SegmentInfo]) -> Bool {
        group.reduce(UInt64(0)) { $0 &+ segments[$1].liveTokens } <= maximumMergedTokens
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
