/// A problem `IndexChecker` found, with the file it is in.
public struct IndexProblem: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let message: String

    public var description: String { "\(file): \(message)" }
}

/// What `IndexChecker.check` found.
public struct CheckReport: Sendable {
    public internal(set) var problems: [IndexProblem] = []
    /// Harmless findings: files an interrupted writer left, which the next writer removes.
    public internal(set) var notes: [String] = []
    public internal(set) var segments = 0
    public internal(set) var documents = 0
    public internal(set) var passages = 0
    public internal(set) var postings = 0

    public var isClean: Bool { problems.isEmpty }
}

/// Verifies a whole index: every checksum of every file, and every structural invariant
/// the readers rely on, reporting each problem with its file rather than stopping at the
/// first. Used by `jiansuo check` and by the crash and corruption tests.
///
/// Per segment: the files open and match the manifest's counts; every chunk's checksum;
/// terms strictly increasing; each term's postings decode, with passages in range and
/// increasing; positions increasing and below their passage's token count; the tokens of
/// each passage add up to its token count, and the passages' to the manifest's; passages
/// lie inside their document's text, in order, without overlapping; documents' passage
/// ranges tile the passage table in order, their texts lie back to back and match their
/// content hashes; sections lie in document order within their documents (parents and
/// heading passages too); the deletion file matches the manifest, and a
/// document is deleted exactly when its passages are.
public enum IndexChecker {
    public static func check(directory: String) -> CheckReport {
        check(IndexDirectory(directory))
    }

    static func check(_ directory: IndexDirectory) -> CheckReport {
        var report = CheckReport()
        let manifestPath = directory.file(Manifest.fileName)
        let manifest: Manifest
        do throws(JiansuoError) {
            guard let read = try Manifest.read(in: directory) else {
                report.problems.append(IndexProblem(file: manifestPath, message: "there is no manifest: no index here"))
                return report
            }
            manifest = read
        } catch {
            report.problems.append(problem(error, defaultFile: manifestPath))
            return report
        }
        for info in manifest.segments {
            check(info, in: directory, into: &report)
        }
        noteOrphans(manifest, in: directory, into: &report)
        return report
    }

    private static func problem(_ error: JiansuoError, defaultFile: String) -> IndexProblem {
        switch error {
        case .corruptIndex(let file, let reason): IndexProblem(file: file, message: reason)
        case .unsupportedFormatVersion(let file, _, _): IndexProblem(file: file, message: error.description)
        case .io(let path, _, _): IndexProblem(file: path, message: error.description)
        default: IndexProblem(file: defaultFile, message: error.description)
        }
    }

    private static func check(_ info: SegmentInfo, in directory: IndexDirectory, into report: inout CheckReport) {
        let manifestPath = directory.file(Manifest.fileName)
        let reader: SegmentReader, deletions: DeletionSet
        do throws(JiansuoError) {
            (reader, deletions) = try IndexSnapshot.open(info, in: directory)
        } catch {
            report.problems.append(problem(error, defaultFile: manifestPath))
            return
        }
        report.segments += 1
        report.documents += info.liveDocuments
        report.passages += info.livePassages
        let path = { (kind: IndexFile.Kind) in
            directory.file(
                kind == .deletions
                    ? info.deletionFile ?? Manifest.fileName : SegmentFiles.fileName(segment: info.name, kind: kind))
        }
        do throws(JiansuoError) {
            try reader.verifyChecksums()
        } catch {
            // Everything else would read the damaged bytes again.
            report.problems.append(problem(error, defaultFile: path(.terms)))
            return
        }
        var found = Problems(path: path)
        // Passages: read once, checked against documents below.
        var passages: [PassageRecord] = []
        do throws(JiansuoError) {
            passages.reserveCapacity(reader.passageCount)
            for index in 0..<reader.passageCount { passages.append(try reader.passage(index)) }
        } catch {
            report.problems.append(problem(error, defaultFile: path(.passages)))
            return
        }
        let tokens = passages.reduce(UInt64(0)) { $0 + UInt64($1.tokenCount) }
        if tokens != info.tokenCount {
            found.fail(.passages, "passages hold \(tokens) tokens, the manifest says \(info.tokenCount)")
        }
        let deletedTokens = passages.indices.reduce(UInt64(0)) {
            $0 + (deletions.isDeleted(passage: $1) ? UInt64(passages[$1].tokenCount) : 0)
        }
        if deletedTokens != info.deletedTokens {
            found.fail(.deletions, "deleted passages hold \(deletedTokens) tokens, the manifest says \(info.deletedTokens)")
        }
        do throws(JiansuoError) {
            let stored = try reader.characterTotalsByYear()
            let expected = PassagesFile.yearTotals(passages)
            if !stored.elementsEqual(expected, by: { $0.year == $1.year && $0.characters == $1.characters }) {
                found.fail(.passages, "the characters per year do not add up to the passages' character counts")
            }
        } catch {
            found.fail(.passages, error.description)
        }
        checkDocuments(reader, passages: passages, deletions: deletions, found: &found)
        checkSections(reader, passages: passages, found: &found)
        report.postings += checkTerms(reader, passages: passages, found: &found)
        report.problems += found.problems
    }

    /// Problems found in one segment's files.
    private struct Problems {
        let path: (IndexFile.Kind) -> String
        var problems: [IndexProblem] = []

        mutating func fail(_ kind: IndexFile.Kind, _ message: String) {
            problems.append(IndexProblem(file: path(kind), message: message))
        }
    }

    /// Sections in document order, each within its document with its parent and heading,
    /// and each passage's section its own document's.
    private static func checkSections(_ reader: SegmentReader, passages: [PassageRecord], found: inout Problems) {
        var sections: [SectionRecord] = []
        do throws(JiansuoError) {
            for index in 0..<reader.sectionCount { sections.append(try reader.section(index)) }
        } catch {
            found.fail(.sections, "\(error)")
            return
        }
        for (index, section) in sections.enumerated() {
            if index > 0 && section.document < sections[index - 1].document {
                found.fail(.sections, "section \(index) of document \(section.document) follows one of document \(sections[index - 1].document)")
            }
            if let parent = section.parent, sections[Int(parent)].document != section.document {
                found.fail(.sections, "section \(index)'s parent \(parent) belongs to another document")
            }
            if passages[Int(section.headingPassage)].document != section.document {
                found.fail(.sections, "section \(index)'s heading passage \(section.headingPassage) belongs to another document")
            }
        }
        for (index, passage) in passages.enumerated() {
            if let section = passage.section, sections[Int(section)].document != passage.document {
                found.fail(.passages, "passage \(index) names section \(section) of another document")
            }
        }
    }

    private static func checkDocuments(
        _ reader: SegmentReader, passages: [PassageRecord], deletions: DeletionSet,
        found: inout Problems
    ) {
        var nextPassage = 0, nextText = 0
        for index in 0..<reader.documentCount {
            let document: StoredDocument
            do throws(JiansuoError) {
                document = try reader.document(index)
            } catch {
                found.fail(.documents, "document \(index): \(error.description)")
                return
            }
            guard document.passages.lowerBound == nextPassage else {
                found.fail(.documents, "document \(index)'s passages start at \(document.passages.lowerBound), expected \(nextPassage)")
                return
            }
            nextPassage = document.passages.upperBound
            // Texts lie back to back, and each still hashes to what was indexed: this catches
            // a text file that is whole but not this segment's.
            if document.text.lowerBound != nextText {
                found.fail(.documents, "document \(index)'s text starts at \(document.text.lowerBound), expected \(nextText)")
            }
            nextText = document.text.upperBound
            var text: [UInt8]?
            do throws(JiansuoError) {
                text = try reader.textBytes(of: document, range: 0..<document.text.count)
                if let text, text.withUnsafeBufferPointer(ContentHash.hash) != document.contentHash {
                    found.fail(.text, "document \(index)'s text does not match its content hash")
                }
            } catch {
                found.fail(.text, "document \(index): \(error.description)")
            }
            var previousEnd = 0
            for passage in document.passages {
                let record = passages[passage]
                if Int(record.document) != index {
                    found.fail(.passages, "passage \(passage) names document \(record.document), but lies in document \(index)'s range")
                }
                if Int(record.start) < previousEnd || Int(record.end) > document.text.count {
                    found.fail(.passages, "passage \(passage) (bytes \(record.start)..<\(record.end)) overlaps the one before or lies outside its document of \(document.text.count) bytes")
                }
                previousEnd = Int(record.end)
                if let text, record.start <= record.end, Int(record.end) <= text.count,
                   text[Int(record.start)..<Int(record.end)].withUnsafeBytes(PassageCharacters.count) != Int(record.characterCount) {
                    found.fail(.passages, "passage \(passage) counts \(record.characterCount) characters, its text holds others")
                }
                if deletions.isDeleted(passage: passage) != deletions.isDeleted(document: index) {
                    found.fail(.deletions, "passage \(passage) and its document \(index) are not deleted alike")
                }
            }
        }
        if nextPassage != reader.passageCount {
            found.fail(.documents, "documents cover \(nextPassage) passages of \(reader.passageCount)")
        }
    }

    /// Checks the dictionary and every posting; returns how many postings there were.
    private static func checkTerms(
        _ reader: SegmentReader, passages: [PassageRecord], found: inout Problems
    ) -> Int {
        var tokensSeen = [UInt32](repeating: 0, count: passages.count)
        var postingCount = 0
        var previousTerm: [UInt8]?
        do throws(JiansuoError) {
            try reader.forEachTerm { (index, term, entry) throws(JiansuoError) in
                if let previousTerm, !previousTerm.lexicographicallyPrecedes(term) {
                    found.fail(.terms, "term \(index) is not greater than the one before it")
                }
                previousTerm = term
                let postings = try reader.decodePostings(entry)
                postingCount += postings.passages.count
                // Character terms count characters, not words: only their order is checked,
                // and they are no part of a passage's token count. Single characters have
                // no positions, and every other term has them.
                let isWord = !CharacterTerms.isCharacterTerm(first: term.first)
                if postings.hasPositions != CharacterTerms.hasPositions(first: term.first) {
                    throw .corruptIndex(file: "\(reader.name).terms", reason: "term \(index) \(postings.hasPositions ? "has" : "lacks") positions")
                }
                for (entry, passage) in postings.passages.enumerated() {
                    guard Int(passage) < passages.count else {
                        throw .corruptIndex(file: "\(reader.name).postings", reason: "term \(index) names passage \(passage) of \(passages.count)")
                    }
                    let limit = isWord ? passages[Int(passage)].tokenCount : UInt32.max
                    let positions = postings.positions[postings.positionStarts[entry]..<postings.positionStarts[entry + 1]]
                    var previous: UInt32?
                    for position in positions {
                        if position >= limit || previous.map({ position <= $0 }) == true {
                            found.fail(.postings, "term \(index): position \(position) in passage \(passage) is out of order or not below its \(limit) tokens")
                            break
                        }
                        previous = position
                    }
                    if isWord { tokensSeen[Int(passage)] &+= UInt32(truncatingIfNeeded: positions.count) }
                }
            }
        } catch {
            found.fail(.postings, error.description)
            return postingCount
        }
        for (index, passage) in passages.enumerated() where tokensSeen[index] != passage.tokenCount {
            found.fail(.postings, "passage \(index) has \(passage.tokenCount) tokens, but its postings hold \(tokensSeen[index])")
            break
        }
        return postingCount
    }

    private static func noteOrphans(_ manifest: Manifest, in directory: IndexDirectory, into report: inout CheckReport) {
        var live = Set(manifest.segments.flatMap { segment in
            SegmentFiles.kinds.map { SegmentFiles.fileName(segment: segment.name, kind: $0) }
        })
        live.formUnion(manifest.segments.compactMap(\.deletionFile))
        if let hash = manifest.dictionaryHash { live.insert(DictionaryFile.fileName(hash: hash)) }
        guard let names = try? directory.list() else { return }
        for name in names
        where ((name.hasPrefix("seg-") || name.hasPrefix(DictionaryFile.prefix)) && !live.contains(name))
            || name == Manifest.temporaryFileName {
            report.notes.append("\(directory.file(name)): not part of the index (left by an interrupted write; the next writer to open the index removes it)")
        }
    }
}
