import ArgumentParser
import Jiansuo

struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Show how text is broken into words: each token's byte range, text and search term.",
        discussion: "Example: jiansuo tokenize '１９９５年全國人民代表大會'"
    )

    @Argument(help: "The text to analyze.")
    var text: String

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let tokens = try reportingErrors { () throws(JiansuoError) in try Analyzer().tokens(in: text) }
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
