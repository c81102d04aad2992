import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `jiansuo serve …` runs `jiansuo-server …`, the executable built beside this one. The
/// server links Hummingbird, NIO and Foundation; kept in its own executable, their loading
/// costs `serve` alone and not every other command's start-up (docs/ARCHITECTURE.md).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web app and JSON API over an index (runs jiansuo-server; see jiansuo serve --help).",
        discussion: """
              jiansuo serve                         # http://127.0.0.1:8080/ over Index/
              jiansuo serve --index Index --port 8080
            """
    )

    @Argument(parsing: .allUnrecognized, help: "The server's options: --index, --host, --port, --cors, --token, --allowed-host, --help.")
    var options: [String] = []

    func run() throws {
        let server = Self.serverExecutable()
        let arguments = [server] + options
        var pointers = arguments.map { strdup($0) } + [nil]
        execv(server, &pointers)
        Terminal.printError("cannot run \(server): \(String(cString: strerror(errno))) — build it with `swift build --product jiansuo-server`")
        throw ExitCode.failure
    }

    /// `jiansuo-server` in the folder of the running executable.
    static func serverExecutable() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let own = length > 0 ? String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        let folder = own.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return (folder.isEmpty ? "." : folder) + "/jiansuo-server"
    }
}
