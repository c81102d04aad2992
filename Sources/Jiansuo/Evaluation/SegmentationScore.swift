/// Word segmentation scored as in the SIGHAN bakeoffs: a word counts as right when a gold
/// word has exactly its characters at exactly its place; precision is right words over
/// words proposed, recall right words over gold words.
///
/// Both sides are whole texts as words, line by line. They are compared as one stream of
/// characters (white space aside), so a gold file that moves a character to a neighbouring
/// line — MSR's gold does so with 16 opening quotes — is still aligned; streams that hold
/// different characters are an error naming the first line that differs.
public struct SegmentationScore: Sendable, Equatable {
    public let goldWords: Int
    public let proposedWords: Int
    public let rightWords: Int

    public var precision: Double { proposedWords == 0 ? 0 : Double(rightWords) / Double(proposedWords) }
    public var recall: Double { goldWords == 0 ? 0 : Double(rightWords) / Double(goldWords) }
    public var f1: Double {
        precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }

    /// Scores `proposed` against `gold`, each a list of lines of words.
    public init(proposed: [[String]], gold: [[String]]) throws(JiansuoError) {
        let proposedSpans = Self.spans(proposed)
        let goldSpans = Self.spans(gold)
        guard proposedSpans.characters == goldSpans.characters else {
            let line = Self.firstDifferingLine(proposed, gold)
            throw .invalidArgument("the segmented text and the gold text differ from line \(line) on")
        }
        self.goldWords = goldSpans.spans.count
        self.proposedWords = proposedSpans.spans.count
        self.rightWords = goldSpans.spans.intersection(proposedSpans.spans).count
    }

    /// Scores `proposed` against a gold file: each line's words separated by white space.
    public init(proposed: [[String]], goldFile: String) throws(JiansuoError) {
        let gold = try TextLines.read(goldFile).map { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
        try self.init(proposed: proposed, gold: gold)
    }

    /// Each word's character range in the text of all lines together, and that text.
    private static func spans(_ lines: [[String]]) -> (spans: Set<Range<Int>>, characters: [Unicode.Scalar]) {
        var spans = Set<Range<Int>>()
        var characters: [Unicode.Scalar] = []
        for line in lines {
            for word in line {
                let start = characters.count
                characters.append(contentsOf: word.unicodeScalars.filter { !$0.properties.isWhitespace })
                if characters.count > start { spans.insert(start..<characters.count) }
            }
        }
        return (spans, characters)
    }

    private static func firstDifferingLine(_ proposed: [[String]], _ gold: [[String]]) -> Int {
        var position = 0
        while position < min(proposed.count, gold.count), proposed[position].joined() == gold[position].joined() {
            position += 1
        }
        return position + 1
    }
}
