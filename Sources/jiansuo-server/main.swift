import ArgumentParser
import Glibc
import JiansuoServer

/// `jiansuo serve`: its own executable so that the other commands never load Hummingbird,
/// NIO and Foundation (see docs/ARCHITECTURE.md); `jiansuo serve …` runs it.
@main
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jiansuo serve",
        abstract: "Serve the web app and JSON API over an index.",
        discussion: """
            Open the printed URL in a browser. The API is described at /openapi.json. A commit \
            made by `jiansuo index` meanwhile is served at once, without a restart. Examples:
              jiansuo serve
              jiansuo serve --index Index --port 8080
              jiansuo serve --host 0.0.0.0 --allowed-host reports.example.org   # prints a URL with a token
            Binds 127.0.0.1 unless --host says otherwise; beyond loopback every API request \
            needs the token. Stops on Ctrl-C (SIGINT) or SIGTERM.
            """
    )

    @Option(help: "The index directory.")
    var index = "Index"

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    @Option(help: "Let pages of this origin (e.g. https://example.org) call the API; without it, no CORS headers are sent.")
    var cors: String?

    @Option(help: "The token API requests must carry; made up at random when --host is beyond loopback and none is given.")
    var token: String?

    @Option(help: "A host name the Host header may give besides the bound address and loopback names (repeatable).")
    var allowedHost: [String] = []

    @Option(help: "Answers kept for requests that come again, per commit of the index (0: none).")
    var cache = RequestLimits().cachedAnswers

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        if let token, token.count < 16 { throw ValidationError("--token must have at least 16 characters") }
        guard (0...1_000_000).contains(cache) else { throw ValidationError("--cache must be 0…1000000") }
    }

    func run() async throws {
        var configuration = ServerConfiguration(
            index: index, host: host, port: port, corsOrigin: cors, token: token, allowedHosts: allowedHost)
        configuration.limits.cachedAnswers = cache
        if !configuration.isLoopback, configuration.token == nil {
            configuration.token = Self.randomToken()
        }
        let index = index
        let application = JiansuoServer.application(configuration) { url in
            print("Serving \(index) at \(url)")
            fflush(nil)  // all streams: the URL must reach a pipe at once
        }
        try await application.runService()
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}
