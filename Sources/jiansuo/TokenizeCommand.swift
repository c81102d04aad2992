import ArgumentParser
import Jiansuo

struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Show how text is broken into words: each token's byte range, text and search term.",
        discussion: """
            Examples:
              jiansuo tokenize '１９９５年全國人民代表大會'
              jiansuo tokenize --file test.txt --segmented --dictionary words.txt
              jiansuo tokenize --file test.txt --segmented --dictionary words.txt --gold gold.txt
            """
    )

    @Argument(help: "The text to analyze (or use --file).")
    var text: String?

    @Option(help: "With --segmented: segment each line of this UTF-8 file instead.")
    var file: String?

    @Flag(help: "Print each line as its words separated by single spaces, punctuation included (the SIGHAN bakeoff format).")
    var segmented = false

    @Option(help: "Segment with this user dictionary (one word per line, optional TAB and frequency, # comments).")
    var dictionary: String?

    @Option(help: "With --segmented: print precision, recall and F1 against this gold segmentation (words separated by spaces, line by line).")
    var gold: String?

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        guard (text == nil) != (file == nil) else { throw ValidationError("give either TEXT or --file PATH") }
        if (gold != nil || file != nil), !segmented { throw ValidationError("--file and --gold need --segmented") }
    }

    func run() throws {
        try reportingErrors { () throws(JiansuoError) in
            let analyzer = try Analyzer(dictionary: UserDictionary.make(contentsOfOptional: dictionary))
            if segmented {
                let lines = if let file { try analyzer.segmentedLines(ofFile: file) } else {
                    [try analyzer.segmentedWords(in: text ?? "")]
                }
                if let gold {
                    printScore(try SegmentationScore(proposed: lines, goldFile: gold))
                } else {
                    for line in lines { print(line.joined(separator: " ")) }
                }
            } else {
                printTokens(try analyzer.tokens(in: text ?? ""), of: text ?? "")
            }
        }
    }

    private func printScore(_ score: SegmentationScore) {
        if json {
            print(JSONText.object([
                "goldWords": String(score.goldWords), "proposedWords": String(score.proposedWords),
                "rightWords": String(score.rightWords), "precision": JSONText.number(score.precision),
                "recall": JSONText.number(score.recall), "f1": JSONText.number(score.f1),
            ]))
        } else {
            print("words: \(score.goldWords) gold, \(score.proposedWords) proposed, \(score.rightWords) right")
            for (name, value) in [("precision", score.precision), ("recall", score.recall), ("f1", score.f1)] { print("\(name): \(NumberFormatting.decimal(value, places: 4))") }
        }
    }

    private func printTokens(_ tokens: [Token], of text: String) {
        let utf8 = Array(text.utf8)
        let original = tokens.map { String(decoding: utf8[$0.byteRange], as: UTF8.self) }
        if json {
            print(JSONText.array(tokens.indices.map { index in
                JSONText.object([
                    "position": String(tokens[index].position),
                    "start": String(tokens[index].byteRange.lowerBound),
                    "end": String(tokens[index].byteRange.upperBound),
                    "text": JSONText.string(original[index]),
                    "term": JSONText.string(tokens[index].term),
                ])
            }))
        } else {
            let rows = tokens.indices.map { index in
                [String(tokens[index].position), "\(tokens[index].byteRange.lowerBound)..<\(tokens[index].byteRange.upperBound)",
                 original[index], tokens[index].term]
            }
            print(TextTable.render(header: ["#", "bytes", "text", "term"], rows: rows), terminator: "")
        }
    }
}
