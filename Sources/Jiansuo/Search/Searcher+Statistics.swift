extension Searcher {
    public func statistics() throws(JiansuoError) -> IndexStatistics {
        var years: [Int: Int] = [:]
        var unknown = 0
        var textBytes = 0
        var sizes: [String: Int] = [:]
        var sections = 0, headingYears = 0
        for (segmentIndex, segment) in snapshot.segments.enumerated() {
            for index in 0..<segment.documentCount where !snapshot.isDeleted(segment: segmentIndex, document: index) {
                let document = try segment.document(index)
                textBytes += document.text.count
                if let year = document.year { years[year, default: 0] += 1 } else { unknown += 1 }
            }
            for index in 0..<segment.sectionCount {
                let section = try segment.section(index)
                if !snapshot.isDeleted(segment: segmentIndex, document: Int(section.document)) { sections += 1 }
            }
            for index in 0..<segment.passageCount where !snapshot.isDeleted(segment: segmentIndex, passage: index) {
                if try segment.passage(index).yearFromHeading { headingYears += 1 }
            }
            for (kind, bytes) in segment.fileSizes {
                sizes[kind.fileExtension, default: 0] += bytes
            }
            if let deletions = snapshot.infos[segmentIndex].deletionFile {
                let file = try MappedFile(path: snapshot.directory.file(deletions), kind: .deletions, storage: snapshot.directory.storage)
                sizes[IndexFile.Kind.deletions.fileExtension, default: 0] += file.fileLength
            }
        }
        let manifest = try MappedFile(path: snapshot.directory.file(Manifest.fileName), kind: .manifest, storage: snapshot.directory.storage)
        sizes[IndexFile.Kind.manifest.fileExtension] = manifest.fileLength
        return IndexStatistics(
            generation: snapshot.generation, segments: snapshot.segments.count, documents: snapshot.documentCount,
            passages: snapshot.passageCount, sections: sections, passagesWithHeadingYear: headingYears, tokens: snapshot.tokenCount, distinctTerms: try distinctTermCount(),
            documentsByYear: years.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            documentsOfUnknownYear: unknown,
            bytesByFileKind: IndexFile.Kind.allCases.compactMap { kind in
                sizes[kind.fileExtension].map { (kind.fileExtension, $0) }
            },
            textBytes: textBytes)
    }

    /// Distinct words over all segments: a merge of their sorted dictionaries from the
    /// first word on (character terms, whose marker bytes sort first, are not words).
    private func distinctTermCount() throws(JiansuoError) -> Int {
        let segments = snapshot.segments
        var cursors = try segments.map { (segment) throws(JiansuoError) in
            try segment.firstTermIndex(notBefore: CharacterTerms.wordsStart)
        }
        var count = 0
        while true {
            var smallest: [UInt8]?
            for (index, segment) in segments.enumerated() where cursors[index] < segment.termCount {
                let term = try segment.termBytes(at: cursors[index])
                if smallest.map({ term.lexicographicallyPrecedes($0) }) ?? true { smallest = term }
            }
            guard let smallest else { return count }
            count += 1
            for (index, segment) in segments.enumerated() where cursors[index] < segment.termCount {
                if try segment.termBytes(at: cursors[index]).elementsEqual(smallest) { cursors[index] += 1 }
            }
        }
    }
}
