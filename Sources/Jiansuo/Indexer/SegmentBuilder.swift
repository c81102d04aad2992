/// Where a document came from, recorded so a later run can tell whether it changed.
struct FileIdentity {
    var size: Int
    var modificationNanoseconds: Int64
}

/// Builds one segment in memory: documents, their text, passages, sections, and for each term its
/// postings (passages, frequencies, positions), ready for `SegmentWriter`.
struct SegmentBuilder {
    private(set) var documents: [DocumentRecord] = []
    private(set) var passages: [PassageRecord] = []
    private(set) var sections: [SectionRecord] = []
    private(set) var text: [UInt8] = []
    private(set) var terms = TermInterner()
    /// Per term, in memory: varint passage gap, varint frequency, frequency × varint position
    /// gap, per passage — converted to blocks by `PostingsEncoder` when written.
    private(set) var postings: [ByteWriter] = []
    private(set) var documentFrequencies: [UInt32] = []
    private var lastPassage: [Int32] = []
    private(set) var tokenCount: UInt64 = 0
    /// Scratch: `termID << 32 | position` for each token of the current passage.
    private var occurrences: [UInt64] = []
    /// Scratch for grouping `occurrences` by term: per term id, its slot among the passage's
    /// distinct terms (-1 when absent); per slot, its term and where its positions go; the
    /// positions, grouped.
    private var slotOfTerm: [Int32] = []
    private var slotTerms: [Int32] = []
    private var slotEnds: [Int] = []
    private var groupedPositions: [UInt32] = []
    /// Scratch: a character term's key, `CharacterTerms.marker` and the character's units;
    /// a pair's, `CharacterTerms.pairMarker` and the units of the character before and of
    /// this one.
    private var characterKey: [UInt16] = [UInt16(CharacterTerms.marker)]
    private var pairKey: [UInt16] = [UInt16(CharacterTerms.pairMarker)]
    /// Per term id, whether its postings hold positions (`CharacterTerms.hasPositions`).
    private(set) var hasPositions: [Bool] = []

    var isEmpty: Bool { documents.isEmpty }

    /// Approximate bytes held, to decide when to flush.
    var memoryEstimate: Int {
        text.count + passages.count * 32 + sections.count * 20 + postingsBytes + postings.count * 48 + terms.units.count * 2
    }
    /// The bytes of every term's in-memory postings, kept as they grow: summing them at each
    /// document was a fifth of indexing once character pairs made terms number millions.
    private var postingsBytes = 0

    /// Adds a document: its passages, its section tree, and their postings.
    /// - Parameters:
    ///   - headingYears: whether a passage under a heading naming a year takes that year
    ///     rather than `year`, the document's.
    ///   - headings: the headings its format marks (`MarkedHeading`).
    mutating func add(
        path: String, title: String, source: String?, year: Int?, headingYears: Bool = true,
        utf8: UnsafeBufferPointer<UInt8>, headings: [MarkedHeading] = [], file: FileIdentity?, splitter: PassageSplitter,
        analyzer: Analyzer
    ) throws(JiansuoError) {
        let documentID = UInt32(documents.count)
        let split = splitter.split(utf8, marked: headings)
        let structure = DocumentStructure(split, text: utf8)
        let firstPassage = passages.count, firstSection = sections.count
        for section in structure.sections {
            sections.append(SectionRecord(
                document: documentID, parent: section.parent.map { UInt32(firstSection + $0) },
                headingPassage: UInt32(firstPassage + section.headingPassage), level: UInt16(clamping: section.level),
                year: UInt16(section.year ?? 0)))
        }
        for (index, passage) in split.enumerated() {
            let range = passage.range
            let section = structure.passageSections[index]
            let headingYear = headingYears ? section.flatMap { structure.sections[$0].year } : nil
            occurrences.removeAll(keepingCapacity: true)
            var position: UInt64 = 0
            let passageBytes = UnsafeBufferPointer(rebasing: utf8[range])
            try analyzer.analyze(passageBytes) { units, _ in
                let term = terms.intern(units)
                occurrences.append(UInt64(UInt32(term)) << 32 | position)
                position += 1
            }
            var characterPosition: UInt64 = 0
            analyzer.forEachPhraseCharacter { units in
                if characterPosition > 0 {
                    // The key still holds the character before: pair it with this one.
                    pairKey.removeSubrange(1...)
                    pairKey.append(contentsOf: characterKey[1...])
                    pairKey.append(contentsOf: units)
                    let pair = pairKey.withUnsafeBufferPointer { terms.intern($0) }
                    occurrences.append(UInt64(UInt32(pair)) << 32 | (characterPosition - 1))
                }
                characterKey.removeSubrange(1...)
                characterKey.append(contentsOf: units)
                let term = characterKey.withUnsafeBufferPointer { terms.intern($0) }
                occurrences.append(UInt64(UInt32(term)) << 32 | characterPosition)
                characterPosition += 1
            }
            addPostings(passage: Int32(passages.count))
            tokenCount += position
            passages.append(PassageRecord(
                document: documentID, start: UInt32(range.lowerBound), end: UInt32(range.upperBound),
                tokenCount: UInt32(position), year: UInt16(headingYear ?? year ?? 0),
                section: section.map { UInt32(firstSection + $0) }, yearFromHeading: headingYear != nil,
                characterCount: UInt32(PassageCharacters.count(UnsafeRawBufferPointer(passageBytes)))))
        }
        documents.append(DocumentRecord(
            path: path, title: title, source: source ?? "", year: UInt16(year ?? 0), textOffset: text.count, textLength: utf8.count,
            firstPassage: firstPassage, passageCount: passages.count - firstPassage,
            fileSize: file?.size ?? utf8.count, modificationNanoseconds: file?.modificationNanoseconds ?? 0,
            contentHash: ContentHash.hash(utf8)))
        text.append(contentsOf: utf8)
    }

    /// Appends everything `other` holds, as if its documents had been added here: ids and
    /// offsets are shifted, and each term's postings are copied with only their first
    /// passage gap rewritten (the rest are gaps, unchanged by the shift).
    mutating func append(_ other: SegmentBuilder) {
        let documentOffset = UInt32(documents.count), passageOffset = Int32(passages.count), textOffset = text.count
        let sectionOffset = UInt32(sections.count)
        for var section in other.sections {
            section.document += documentOffset
            section.parent = section.parent.map { $0 + sectionOffset }
            section.headingPassage += UInt32(passageOffset)
            sections.append(section)
        }
        for var document in other.documents {
            document.textOffset += textOffset
            document.firstPassage += Int(passageOffset)
            documents.append(document)
        }
        for var passage in other.passages {
            passage.document += documentOffset
            passage.section = passage.section.map { $0 + sectionOffset }
            passages.append(passage)
        }
        text.append(contentsOf: other.text)
        tokenCount += other.tokenCount
        for local in 0..<other.terms.count {
            let term = other.terms.term(local).withUnsafeBufferPointer { terms.intern($0) }
            let global = Int(term)
            reserveTerm(global)
            let source = other.postings[local].bytes
            // Built here, so always well formed: the reader cannot fail.
            let (firstPassage, firstGapLength) = source.withUnsafeBytes { raw in
                var reader = ByteReader(raw, file: "memory")
                return ((try? reader.readVarint()) ?? 0, reader.offset)
            }
            let before = postings[global].count
            postings[global].appendVarint(UInt64(Int32(firstPassage) + passageOffset - lastPassage[global]))
            postings[global].append(contentsOf: source[firstGapLength...])
            postingsBytes += postings[global].count - before
            lastPassage[global] = other.lastPassage[local] + passageOffset
            documentFrequencies[global] += other.documentFrequencies[local]
        }
    }

    // MARK: Merging (`SegmentMerger`)

    /// Appends a document taken from an existing segment, with its text, all its passages
    /// and its sections, whose ids (`firstSection` the first of them there) are rewritten.
    /// Its postings follow through `appendPosting`.
    mutating func appendStoredDocument(
        _ document: StoredDocument, text: [UInt8], passages: [PassageRecord],
        sections documentSections: [SectionRecord], firstSection: Int
    ) {
        let documentID = UInt32(documents.count)
        let passageShift = Int64(self.passages.count) - Int64(document.passages.lowerBound)
        let sectionShift = Int64(sections.count) - Int64(firstSection)
        func shifted(_ id: UInt32, by shift: Int64) -> UInt32 { UInt32(Int64(id) + shift) }
        for var section in documentSections {
            section.document = documentID
            section.parent = section.parent.map { shifted($0, by: sectionShift) }
            section.headingPassage = shifted(section.headingPassage, by: passageShift)
            sections.append(section)
        }
        documents.append(DocumentRecord(
            path: document.path, title: document.title, source: document.source ?? "",
            year: UInt16(document.year ?? 0),
            textOffset: self.text.count, textLength: text.count, firstPassage: self.passages.count,
            passageCount: passages.count, fileSize: document.fileSize,
            modificationNanoseconds: document.modificationNanoseconds, contentHash: document.contentHash))
        self.text.append(contentsOf: text)
        for var passage in passages {
            passage.document = documentID
            passage.section = passage.section.map { shifted($0, by: sectionShift) }
            tokenCount += UInt64(passage.tokenCount)
            self.passages.append(passage)
        }
    }

    /// Hands over the text, leaving the builder without it, so the writer can free it as soon
    /// as it is written rather than hold it beside the encoded postings.
    mutating func takeText() -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &text)
        return taken
    }

    /// Hands over every term's postings, leaving none, so the encoder can free each term's
    /// as it encodes them (`TermsFile.encode`).
    mutating func takePostings() -> [ByteWriter] {
        var taken: [ByteWriter] = []
        swap(&taken, &postings)
        postingsBytes = 0
        return taken
    }

    /// The id of `term` (folded UTF-16 units), added if new.
    mutating func internTerm(_ term: [UInt16]) -> Int32 {
        let id = term.withUnsafeBufferPointer { terms.intern($0) }
        reserveTerm(Int(id))
        return id
    }

    /// Appends one passage's occurrences of a term. Calls for a term must come in increasing
    /// passage order, with at least one position each, in increasing order; a term without
    /// positions (`hasPositions`) keeps only their count.
    mutating func appendPosting(term: Int32, passage: Int32, positions: ArraySlice<UInt32>) {
        let id = Int(term), before = postings[id].count
        postings[id].appendVarint(UInt64(passage - lastPassage[id]))
        postings[id].appendVarint(UInt64(positions.count))
        if hasPositions[id] {
            var previous: UInt32 = 0
            for position in positions {
                postings[id].appendVarint(UInt64(position - previous))
                previous = position
            }
        }
        postingsBytes += postings[id].count - before
        lastPassage[id] = passage
        documentFrequencies[id] += 1
    }

    /// Appends one passage's occurrences of a term without positions (`hasPositions`
    /// false): `frequency` ≥ 1 of them. Calls for a term come in increasing passage order.
    mutating func appendPosting(term: Int32, passage: Int32, frequency: Int) {
        let id = Int(term), before = postings[id].count
        precondition(!hasPositions[id], "a term with positions appended without them")
        postings[id].appendVarint(UInt64(passage - lastPassage[id]))
        postings[id].appendVarint(UInt64(frequency))
        postingsBytes += postings[id].count - before
        lastPassage[id] = passage
        documentFrequencies[id] += 1
    }

    private mutating func reserveTerm(_ term: Int) {
        while postings.count <= term {
            hasPositions.append(CharacterTerms.hasPositions(first: terms.term(postings.count).first))
            postings.append(ByteWriter())
            documentFrequencies.append(0)
            lastPassage.append(0)
            slotOfTerm.append(-1)
        }
    }

    /// Appends the current passage's occurrences to each term's postings. Grouped by term in
    /// two linear passes, a counting sort: each term's positions were appended in increasing
    /// order, so grouping keeps them so (sorting the occurrences was 8 % of indexing).
    private mutating func addPostings(passage: Int32) {
        slotTerms.removeAll(keepingCapacity: true)
        slotEnds.removeAll(keepingCapacity: true)
        for occurrence in occurrences {
            let term = Int(occurrence >> 32)
            reserveTerm(term)
            if slotOfTerm[term] < 0 {
                slotOfTerm[term] = Int32(slotTerms.count)
                slotTerms.append(Int32(term))
                slotEnds.append(0)
            }
            slotEnds[Int(slotOfTerm[term])] += 1
        }
        // Counts to starts, then each position placed, leaving `slotEnds` at each group's end.
        var start = 0
        for slot in slotEnds.indices {
            let count = slotEnds[slot]
            slotEnds[slot] = start
            start += count
        }
        groupedPositions.removeAll(keepingCapacity: true)
        groupedPositions.append(contentsOf: repeatElement(0, count: occurrences.count))
        for occurrence in occurrences {
            let slot = Int(slotOfTerm[Int(occurrence >> 32)])
            groupedPositions[slotEnds[slot]] = UInt32(truncatingIfNeeded: occurrence)
            slotEnds[slot] += 1
        }
        var groupStart = 0
        for (slot, term) in slotTerms.enumerated() {
            appendPosting(term: term, passage: passage, positions: groupedPositions[groupStart..<slotEnds[slot]])
            groupStart = slotEnds[slot]
            slotOfTerm[Int(term)] = -1
        }
    }
}

/// A 64-bit FNV-1a hash of a document's bytes, stored so re-indexing can confirm a change.
enum ContentHash {
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
