#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
        version: "0.1.0",
        subcommands: [
            IndexCommand.self, SearchCommand.self, KwicCommand.self, CountCommand.self, EvalCommand.self, StatsCommand.self,
            CheckCommand.self, ServeCommand.self,
            TokenizeCommand.self,
        ]
    )

    static func main() {
        if let problem = ArgumentEncoding.firstProblem(in: ArgumentEncoding.rawArguments) {
            Terminal.printError(problem)
            Self.exit(withError: ExitCode.failure)
        }
        Self.main(nil)
    }
}

/// The `--index DIR` option every command that reads or writes an index takes.
struct IndexLocation: ParsableArguments {
    @Option(name: .long, help: "The index directory.")
    var index: String = "Index"

    func validate() throws {
        var status = stat()
        if stat(index, &status) == 0, status.st_mode & S_IFMT != S_IFDIR {
            throw ValidationError("--index \(index) is a file; give the directory that holds (or is to hold) the index")
        }
    }
}

/// Runs `body`, turning a `JiansuoError` into a message on standard error and exit status 1,
/// with the command that helps where there is one.
func reportingErrors<Result>(_ body: () throws(JiansuoError) -> Result) throws -> Result {
    do {
        return try body()
    } catch {
        Terminal.printError(error.description + remedy(for: error))
        throw ExitCode.failure
    }
}

/// What to run about `error`, in this tool's terms.
func remedy(for error: JiansuoError) -> String {
    switch error {
    case .missingIndex(let directory): " — build one with `jiansuo index [FOLDER…] --index \(directory)`"
    case .unsupportedFormatVersion, .corruptIndex: " (`jiansuo index --full` rebuilds it)"
    default: ""
    }
}
