import Foundation
import Hummingbird
import HummingbirdTesting
import Jiansuo
import Testing
@testable import JiansuoServer

/// Every server test, one at a time: the live-index test counts the process's open files and
/// mappings, and tests that hold the two cooperative threads of a 2-core machine would
/// starve the in-process server of the threads it answers on.
@Suite(.serialized) struct ServerTests {}

/// An index of the repository's Corpus/ (always present) and ways to ask the server about it.
enum ServerTestSupport {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A new empty directory under the system's temporary folder.
    static func temporaryDirectory(_ label: String) -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// An index of Corpus/, built once per test process.
    static let corpusIndex: String = {
        let directory = temporaryDirectory("server-index")
        do {
            let writer = try IndexWriter(directory: directory)
            _ = try writer.addFolder(repositoryRoot.appendingPathComponent("Corpus").path)
            _ = try writer.commit()
        } catch {
            fatalError("cannot index Corpus/: \(error)")
        }
        return directory
    }()

    static func configuration(index: String = corpusIndex) -> ServerConfiguration {
        ServerConfiguration(index: index, port: 0)
    }

    /// Runs `body` with an in-process client of the router.
    static func withRouter(
        _ configuration: ServerConfiguration = configuration(),
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let application = Application(router: JiansuoServer.router(configuration))
        try await application.test(.router, body)
    }

    /// The status and JSON body of `GET uri`.
    static func get(_ client: any TestClientProtocol, _ uri: String, headers: HTTPFields = [:]) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await client.execute(uri: uri, method: .get, headers: headers) { response in
            let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            return (response.status, object ?? [:])
        }
    }

    /// Runs blocking work (a socket read, waiting for a process) on a Dispatch thread, so
    /// that it never holds one of the few threads the server's own tasks need to answer.
    static func blocking<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
