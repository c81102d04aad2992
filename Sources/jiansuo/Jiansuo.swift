import ArgumentParser
import Jiansuo

@main
struct JiansuoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jiansuo",
        abstract: "检索 Jiansuo — full-text search for Chinese reports.",
        discussion: """
            Index a folder of reports, then search it:
              jiansuo index Corpus
              jiansuo search 代表建议
              jiansuo count 代表建议 --by year
            The index lives in Index/ unless --index DIR is given.
            """,
        subcommands: [
            IndexCommand.self, SearchCommand.self, KwicCommand.self, CountCommand.self, EvalCommand.self, StatsCommand.self,
            CheckCommand.self,
            TokenizeCommand.self, WordsCommand.self,
        ]
    )
}

/// The `--index DIR` option every command that reads or writes an index takes.
struct IndexLocation: ParsableArguments {
    @Option(name: .long, help: "The index directory.")
    var index: String = "Index"
}

/// Runs `body`, turning a `JiansuoError` into a message on standard error and exit status 1.
func reportingErrors<Result>(_ body: () throws(JiansuoError) -> Result) throws -> Result {
    do {
        return try body()
    } catch {
        Terminal.printError(error.description)
        throw ExitCode.failure
    }
}
