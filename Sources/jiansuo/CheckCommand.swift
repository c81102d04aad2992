import ArgumentParser
import Jiansuo

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the index: every checksum and structural invariant.",
        discussion: """
            Prints each problem with the file it is in. Exit status 0: the index is sound; \
            1: problems were found (rebuild with `jiansuo index --full`).
            """
    )

    @OptionGroup var location: IndexLocation

    @Flag(name: .shortAndLong, help: "Print nothing but problems.")
    var quiet = false

    func run() throws {
        let report = IndexChecker.check(directory: location.index)
        for problem in report.problems {
            Terminal.printError(problem.description)
        }
        if !quiet {
            for note in report.notes { print("note: \(note)") }
            let verdict = report.isClean ? "ok" : "\(report.problems.count) problem(s)"
            print("""
                \(verdict): checked \(report.segments) segment(s), \(NumberFormatting.grouped(report.documents)) documents, \
                \(NumberFormatting.grouped(report.passages)) passages, \(NumberFormatting.grouped(report.postings)) postings in \(location.index)/
                """)
        }
        if !report.isClean { throw ExitCode.failure }
    }
}
