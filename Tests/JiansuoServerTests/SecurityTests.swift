import Foundation
import Hummingbird
import HummingbirdTesting
import Jiansuo
import Testing
@testable import JiansuoServer

extension ServerTests {
    /// What a hostile page or client may try, sent as raw bytes to a listening server: other
    /// Host headers (DNS rebinding), traversal that curl's --path-as-is would send, bodies,
    /// missing tokens, cross-origin calls.
    @Suite struct SecurityTests {
        /// Sends `request` as written to the server on `port` and returns the status and body.
        static func raw(_ request: String, port: Int) async throws -> (status: Int, body: String) {
            try await ServerTestSupport.blocking { try rawBlocking(request, port: port) }
        }

        private static func rawBlocking(_ request: String, port: Int) throws -> (status: Int, body: String) {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(socket) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            try #require(connected == 0)
            // A server that kept the connection open would otherwise hang the test.
            var timeout = timeval(tv_sec: 20, tv_usec: 0)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            // All of it, unless the server closes first (MSG_NOSIGNAL: an error, not SIGPIPE).
            let bytes = Array(request.utf8)
            var sent = 0
            while sent < bytes.count {
                let count = bytes[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if count <= 0 { break }
                sent += count
            }
            var answer: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = recv(socket, &buffer, buffer.count, 0)
                if count <= 0 { break }
                answer += buffer[..<count]
            }
            let text = String(decoding: answer, as: UTF8.self)
            let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
            let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
            return (status, body)
        }

        static func get(_ target: String, host: String = "127.0.0.1", headers: String = "") -> String {
            "GET \(target) HTTP/1.1\r\nHost: \(host)\r\n\(headers)Connection: close\r\n\r\n"
        }

        static func withLiveServer(_ configuration: ServerConfiguration, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
            let application = Application(router: JiansuoServer.router(configuration))
            try await application.test(.live) { client in try await body(try #require(client.port)) }
        }

        @Test func onlyTheServersOwnNamesAreServed() async throws {
            try await Self.withLiveServer(ServerTestSupport.configuration()) { port in
                for host in ["127.0.0.1:\(port)", "localhost:\(port)", "localhost", "[::1]:\(port)"] {
                    let status = try await Self.raw(Self.get("/api/stats", host: host), port: port).status
                    #expect(status == 200, "\(host)")
                }
                for host in ["evil.example", "evil.example:\(port)", "localhost.evil.example", "127.0.0.1.evil.example", ""] {
                    let (status, body) = try await Self.raw(Self.get("/api/stats", host: host), port: port)
                    #expect((400...499).contains(status), "\(host): \(status)")
                    #expect(!body.contains("documents"))
                }
                // No Host at all (HTTP/1.0 style) is refused too.
                let status = try await Self.raw("GET /api/stats HTTP/1.0\r\nConnection: close\r\n\r\n", port: port).status
                #expect(status == 403)
            }
        }

        @Test func traversalNeverReachesAFile() async throws {
            try await Self.withLiveServer(ServerTestSupport.configuration()) { port in
                let targets = [
                    "/../../../../etc/passwd", "/api/documents/../../../etc/passwd", "/api/documents/..%2F..%2Fetc%2Fpasswd",
                    "/api/documents/%2Fetc%2Fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/api/documents/..\\..\\etc\\passwd",
                    "/app.js/../../manifest", "/./api/stats", "/api/documents/%00", "/etc/passwd", "/manifest", "/Index/manifest",
                ]
                for target in targets {
                    let (status, body) = try await Self.raw(Self.get(target), port: port)
                    #expect((400...499).contains(status), "\(target): \(status)")
                    #expect(!body.contains("root:"), "\(target)")
                    #expect(!body.contains("MANI"), "\(target)")
                }
            }
        }

        /// A 200,000-character query is refused by the HTTP parser before Hummingbird or the
        /// index see it.
        @Test func aHugeQueryIsA4xxNeverWork() async throws {
            try await Self.withLiveServer(ServerTestSupport.configuration()) { port in
                let query = ServerTestSupport.encoded(String(repeating: "代", count: 200_000))
                let (status, body) = try await Self.raw(Self.get("/api/search?q=\(query)"), port: port)
                #expect((400...499).contains(status))
                #expect(!body.contains("hits"))
            }
        }

        @Test func bodiesAndOtherMethodsAreRefused() async throws {
            try await Self.withLiveServer(ServerTestSupport.configuration()) { port in
                let post = "POST /api/search?q=a HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
                let refused = try await Self.raw(post, port: port).status
                #expect(refused == 413)
                let big = Self.get("/api/stats", headers: "X-Filler: \(String(repeating: "x", count: 100_000))\r\n")
                let status = try await Self.raw(big, port: port).status
                #expect(status == 0 || (400...499).contains(status), "a 100 KB header gave \(status)")
            }
        }

        @Test func beyondLoopbackTheTokenIsRequired() async throws {
            var configuration = ServerTestSupport.configuration()
            configuration.token = "0123456789abcdef0123456789abcdef"
            try await Self.withLiveServer(configuration) { port in
                let header = "Authorization: Bearer 0123456789abcdef0123456789abcdef\r\n"
                let cases = [
                    (Self.get("/api/stats"), 401), (Self.get("/api/stats?token=wrong"), 401),
                    (Self.get("/api/stats?token=0123456789abcdef0123456789abcdef"), 200),
                    (Self.get("/api/stats", headers: header), 200),
                    // The page itself holds no data and loads without it.
                    (Self.get("/"), 200),
                ]
                for (request, expected) in cases {
                    let status = try await Self.raw(request, port: port).status
                    #expect(status == expected, "\(request)")
                }
            }
            #expect(ServerConfiguration(index: "I", host: "0.0.0.0").isLoopback == false)
            #expect(ServerConfiguration(index: "I").isLoopback)
        }

        @Test func corsOnlyForTheOriginGiven() async throws {
            let origin = "Origin: https://reports.example.org\r\n"
            try await Self.withLiveServer(ServerTestSupport.configuration()) { port in
                let answer = try await Self.raw(Self.get("/api/stats", headers: origin), port: port)
                #expect(answer.status == 200)
            }
            var configuration = ServerTestSupport.configuration()
            configuration.corsOrigin = "https://reports.example.org"
            try await ServerTestSupport.withRouter(configuration) { client in
                try await client.execute(uri: "/api/stats", method: .get, headers: [.origin: "https://reports.example.org"]) { response in
                    #expect(response.headers[.accessControlAllowOrigin] == "https://reports.example.org")
                }
            }
            try await ServerTestSupport.withRouter { client in
                try await client.execute(uri: "/api/stats", method: .get, headers: [.origin: "https://reports.example.org"]) { response in
                    #expect(response.headers[.accessControlAllowOrigin] == nil)
                }
            }
        }
    }
}
