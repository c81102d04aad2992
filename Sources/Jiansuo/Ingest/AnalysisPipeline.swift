import Dispatch
import Synchronization

/// Hands out analyzed batches of files one at a time, analyzing the next batch in the
/// background while the caller merges the current one: merging into the segment (and
/// flushing it) is serial, and without the overlap the other cores sat idle meanwhile.
/// At most two batches are held at once, so memory stays bounded by the batch size.
///
/// With one thread there is no background work: `threads: 1` means one core.
final class AnalysisPipeline {
    private let batches: [[FileJob]]
    private let threads: Int
    private let splitter: PassageSplitter
    private let dictionary: UserDictionary?
    private var nextBatch = 0
    private var inFlight: (group: DispatchGroup, result: Slot)?

    /// Where the background analysis leaves its batch.
    private final class Slot: Sendable {
        let files = Mutex<[AnalyzedFile]>([])
    }

    init(batches: [[FileJob]], threads: Int, splitter: PassageSplitter, dictionary: UserDictionary?) {
        self.batches = batches
        self.threads = threads
        self.splitter = splitter
        self.dictionary = dictionary
    }

    /// The next batch, analyzed, in order; nil after the last.
    func next() -> [AnalyzedFile]? {
        guard nextBatch < batches.count else { return nil }
        let current: [AnalyzedFile]
        if let inFlight {
            inFlight.group.wait()
            current = inFlight.result.files.withLock { $0 }
        } else {
            current = ParallelAnalysis.analyze(
                batches[nextBatch], threads: threads, splitter: splitter, dictionary: dictionary)
        }
        inFlight = nil
        nextBatch += 1
        if threads > 1 && nextBatch < batches.count {
            startAnalyzing(batches[nextBatch])
        }
        return current
    }

    private func startAnalyzing(_ batch: [FileJob]) {
        let group = DispatchGroup(), slot = Slot()
        let threads = self.threads, splitter = self.splitter, dictionary = self.dictionary
        DispatchQueue.global().async(group: group) {
            let files = ParallelAnalysis.analyze(batch, threads: threads, splitter: splitter, dictionary: dictionary)
            slot.files.withLock { $0 = files }
        }
        inFlight = (group, slot)
    }
}
