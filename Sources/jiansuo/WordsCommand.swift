import ArgumentParser
import Jiansuo

struct WordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "words",
        abstract: "Propose words the segmentation splits, from the index's text, as a dictionary file to edit.",
        discussion: """
            Terms of 2–4 pieces the analyzer splits (疫|情|防|控) that the text uses as one word:
            frequent, cohesive (pointwise mutual information) and free in context (neighbour
            entropy). Review the list, then rebuild with it:
              jiansuo words > words.txt
              jiansuo index Corpus --full --dictionary words.txt
            """
    )

    @OptionGroup var location: IndexLocation

    @Option(help: "Occurrences a term needs to be proposed.")
    var minCount = 10

    @Option(help: "At most this many proposals.")
    var limit = 200

    @Flag(help: "Print JSON with each term's pieces, count, cohesion and freedom.")
    var json = false

    func run() throws {
        let proposals = try reportingErrors { () throws(JiansuoError) in
            try Searcher(directory: location.index).proposeWords(minimumCount: minCount, limit: limit)
        }
        if json {
            print(JSONText.array(proposals.map { proposal in
                JSONText.object([
                    "word": JSONText.string(proposal.word),
                    "pieces": JSONText.array(proposal.pieces.map(JSONText.string)),
                    "count": String(proposal.count),
                    "cohesion": JSONText.number(proposal.cohesion),
                    "freedom": JSONText.number(proposal.freedom),
                ])
            }))
            return
        }
        print("# Words proposed by `jiansuo words` from \(location.index): word<TAB>occurrences.")
        print("# Delete what is not a word; use with `jiansuo index --full --dictionary FILE`.")
        for proposal in proposals { print("\(proposal.word)\t\(proposal.count)") }
    }
}
