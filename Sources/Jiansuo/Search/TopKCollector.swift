/// Keeps the best `k` passages seen: a min-heap whose top is the worst kept.
///
/// Order: higher score first; on equal scores by document path, then by position in the
/// document (`PassageOrder`) — never by segment, so an index updated incrementally ranks
/// exactly as one rebuilt from scratch, and pruned ranking equals exhaustive ranking.
struct TopKCollector {
    struct Entry {
        var score: Double
        var segment: Int
        var passage: Int
        /// The passage's document in its segment.
        var document: Int
    }

    let k: Int
    let order: PassageOrder
    private(set) var heap: [Entry] = []

    /// `k` may be anything ≥ 0, `Int.max` included ("every match"): the heap grows with what
    /// it keeps, never reserving room for `k` up front (a reservation of `Int.max` entries
    /// overflows the allocation size and corrupts the heap).
    init(k: Int, order: PassageOrder) {
        precondition(k >= 0, "k must be ≥ 0")
        self.k = k
        self.order = order
        heap.reserveCapacity(min(k, Self.initialCapacity))
    }

    private static let initialCapacity = 1024

    /// The score a new passage must reach to enter, once `k` are kept (a tie enters when its
    /// path comes first: pruning only skips what is certainly below).
    var threshold: Double? {
        heap.count == k && k > 0 ? heap[0].score : nil
    }

    /// Whether a passage scoring at most `bound` certainly cannot enter: it must beat the
    /// k-th score, as a later tie loses. The bound is widened a little so that rounding
    /// never prunes a passage whose exact score would enter.
    func rejects(bound: Double) -> Bool {
        guard let threshold else { return false }
        return bound * (1 + 1e-9) + 1e-12 <= threshold
    }

    /// Whether `a` ranks below `b`.
    private func worse(_ a: Entry, than b: Entry) -> Bool {
        a.score != b.score
            ? a.score < b.score
            : order.follows((a.segment, a.document, a.passage), (b.segment, b.document, b.passage))
    }

    mutating func offer(score: Double, segment: Int, passage: Int) {
        guard k > 0 else { return }
        let entry = Entry(
            score: score, segment: segment, passage: passage,
            document: order.document(segment: segment, passage: passage))
        if heap.count < k {
            heap.append(entry)
            siftUp(heap.count - 1)
        } else if worse(heap[0], than: entry) {
            heap[0] = entry
            siftDown(0)
        }
    }

    /// The kept passages, best first.
    func sorted() -> [Entry] {
        heap.sorted { worse($1, than: $0) }
    }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard worse(heap[child], than: heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1, right = left + 1
            var worst = parent
            if left < heap.count && worse(heap[left], than: heap[worst]) { worst = left }
            if right < heap.count && worse(heap[right], than: heap[worst]) { worst = right }
            guard worst != parent else { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}

/// A way to find a segment's top-k passages without scoring every match, for the plan shapes
/// it accepts (`init?` returns `nil` for others). Implementations must give exactly the
/// results of exhaustive scoring.
protocol PrunedTopK {
    init?(_ plan: QueryPlan)

    /// Offers this segment's best matches to `collector`; returns how many passages match:
    /// exactly while no more than `countLimit` are counted (matches are counted even where
    /// scoring is skipped), past it at least that many (`exact` false) once skipped
    /// passages go uncounted.
    func collect(
        segment: SegmentReader, segmentIndex: Int, query: PreparedQuery, countLimit: Int,
        into collector: inout TopKCollector
    ) throws(JiansuoError) -> (matches: Int, exact: Bool)
}
