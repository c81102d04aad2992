/// Gives each distinct term (folded UTF-16 units) a dense id, without building a `String`
/// per token: indexing meets millions of tokens a second, and most are repeats.
struct TermInterner {
    /// The units of all terms, back to back; term `id` is `units[starts[id]..<starts[id + 1]]`.
    private(set) var units: [UInt16] = []
    private(set) var starts: [Int32] = [0]
    /// Open addressing, linear probing; -1 marks an empty slot.
    private var slots: [Int32] = [Int32](repeating: -1, count: 1 << 12)
    private var hashes: [UInt32] = []

    var count: Int { starts.count - 1 }

    func term(_ id: Int) -> ArraySlice<UInt16> {
        units[Int(starts[id])..<Int(starts[id + 1])]
    }

    mutating func intern(_ term: UnsafeBufferPointer<UInt16>) -> Int32 {
        let hash = Self.hash(term)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash && equals(Int(id), term) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(count)
        units.append(contentsOf: term)
        starts.append(Int32(units.count))
        hashes.append(hash)
        slots[slot] = id
        if count * 2 > slots.count { grow() }
        return id
    }

    private func equals(_ id: Int, _ term: UnsafeBufferPointer<UInt16>) -> Bool {
        let start = Int(starts[id])
        guard Int(starts[id + 1]) - start == term.count else { return false }
        for index in 0..<term.count where units[start + index] != term[index] { return false }
        return true
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for id in 0..<count {
            var slot = Int(hashes[id]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    /// FNV-1a over the units, finished with a multiply-shift so low bits spread well.
    private static func hash(_ term: UnsafeBufferPointer<UInt16>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for unit in term {
            hash = (hash ^ UInt32(unit)) &* 16_777_619
        }
        return (hash &* 0x9E37_79B1) ^ (hash >> 15)
    }
}
