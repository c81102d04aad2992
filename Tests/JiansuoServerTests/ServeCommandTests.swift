import Foundation
import Testing

extension ServerTests {
    /// `jiansuo serve` as a user runs it: the built `jiansuo`, which runs `jiansuo-server`
    /// beside it; it prints the URL once it listens, answers, and stops cleanly on SIGTERM
    /// and SIGINT.
    @Suite struct ServeCommandTests {
        /// The folder of the executables built beside the test bundle.
        static let products: URL = {
            var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            while directory.path != "/" {
                if FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("jiansuo-server").path) { return directory }
                directory.deleteLastPathComponent()
            }
            return ServerTestSupport.repositoryRoot.appendingPathComponent(".build/debug")
        }()

        @Test(arguments: [SIGTERM, SIGINT])
        func printsItsURLAnswersAndStopsOnSignal(_ signal: Int32) async throws {
            let process = Process()
            process.executableURL = Self.products.appendingPathComponent("jiansuo")
            process.arguments = ["serve", "--index", ServerTestSupport.corpusIndex, "--port", "0"]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let line = try await ServerTestSupport.blocking { () -> String in
                var bytes: [UInt8] = []
                while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") {
                    bytes.append(byte)
                }
                return String(decoding: bytes, as: UTF8.self)
            }
            let url = try #require(line.split(separator: " ").last.map(String.init), "printed \(line)")
            #expect(line.hasPrefix("Serving \(ServerTestSupport.corpusIndex) at http://127.0.0.1:"))
            let port = try #require(url.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) })
            let (status, body) = try await SecurityTests.raw(SecurityTests.get("/api/stats"), port: port)
            #expect(status == 200)
            #expect(body.contains("\"documents\""))
            kill(process.processIdentifier, signal)
            try await ServerTestSupport.blocking { process.waitUntilExit() }
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 0)
        }
    }
}
