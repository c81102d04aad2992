import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import JiansuoServer

extension ServerTests {
    /// The web page in a real headless Chromium: Tests/WebBrowser/web_page_test.py against a
    /// listening server (scripts/install-dependencies.sh installs chromium, chromium-driver and
    /// selenium). Set JIANSUO_SCREENSHOTS=DIR to keep its screenshots.
    @Suite struct WebBrowserTests {
        @Test func searchChartKWICAndDocumentInChromium() async throws {
            let script = ServerTestSupport.repositoryRoot.appendingPathComponent("Tests/WebBrowser/web_page_test.py").path
            let application = Application(router: JiansuoServer.router(ServerTestSupport.configuration()))
            try await application.test(.live) { client in
                let port = try #require(client.port)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                var arguments = ["python3", script, "http://127.0.0.1:\(port)"]
                if let screenshots = ProcessInfo.processInfo.environment["JIANSUO_SCREENSHOTS"] {
                    arguments += ["--screenshots", screenshots]
                }
                process.arguments = arguments
                let errors = Pipe()
                process.standardError = errors
                process.standardOutput = FileHandle.nullDevice
                try process.run()
                // Read while it runs, so a full pipe cannot stall it.
                let message = try await ServerTestSupport.blocking {
                    let message = errors.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    return String(decoding: message, as: UTF8.self)
                }
                #expect(process.terminationStatus == 0, "\(message)")
            }
        }
    }
}
