import Foundation
import Hummingbird
import HummingbirdTesting
import Jiansuo
import Testing
@testable import JiansuoServer

extension ServerTests {
    /// Every endpoint against the library calls the CLI makes, the one error shape, and the
    /// OpenAPI document against real responses.
    @Suite struct APITests {
        let phrase = ServerTestSupport.encoded("\"代表建议\"")

        @Test func searchGivesTheCLIsKeysAndTheLibrarysHits() async throws {
            let expected = try Searcher(directory: ServerTestSupport.corpusIndex).search("\"代表建议\"", options: SearchOptions(limit: 3))
            try await ServerTestSupport.withRouter { client in
                let (status, body) = try await ServerTestSupport.get(client, "/api/search?q=\(phrase)&limit=3")
                #expect(status == .ok)
                #expect(body["total"] as? Int == expected.totalMatches)
                #expect(body["took_ms"] is Double)
                let hits = try #require(body["hits"] as? [[String: Any]])
                #expect(hits.map { $0["path"] as? String } == expected.hits.map(\.path))
                // The same object as `search --json`, with the API's fields added.
                let cli = try JSONSerialization.jsonObject(with: Data(expected.json(query: "\"代表建议\"", snippetCharacters: 120).utf8)) as! [String: Any]
                #expect(Set(cli.keys).isSubset(of: Set(body.keys)))
                #expect(Set((cli["hits"] as! [[String: Any]])[0].keys) == Set(hits[0].keys))
                // UTF-16 highlights select the same text as the byte ranges.
                for hit in hits {
                    let text = hit["text"] as! String
                    for (bytes, units) in zip(hit["highlights"] as! [[Int]], hit["highlightsUTF16"] as! [[Int]]) {
                        let utf8 = Array(text.utf8), utf16 = Array(text.utf16)
                        #expect(String(decoding: utf8[bytes[0]..<bytes[1]], as: UTF8.self) == "代表建议")
                        #expect(String(decoding: utf16[units[0]..<units[1]], as: UTF16.self) == "代表建议")
                    }
                }
            }
        }

        @Test func pagesAreStableAndCapped() async throws {
            try await ServerTestSupport.withRouter { client in
                let (_, all) = try await ServerTestSupport.get(client, "/api/search?q=\(phrase)&limit=6")
                let (_, second) = try await ServerTestSupport.get(client, "/api/search?q=\(phrase)&limit=3&offset=3")
                let paths = { (body: [String: Any]) in (body["hits"] as! [[String: Any]]).map { "\($0["path"]!) \(($0["passage"] as! [String: Int])["start"]!)" } }
                #expect(Array(paths(all).dropFirst(3)) == paths(second))
                #expect((second["hits"] as! [[String: Any]]).first?["rank"] as? Int == 4)
                let (status, error) = try await ServerTestSupport.get(client, "/api/search?q=\(phrase)&limit=100&offset=950")
                #expect(status == .badRequest)
                #expect((error["error"] as? [String: Any])?["code"] as? String == "invalid_parameter")
            }
        }

        /// `exact_total`: the library's `exactTotalUpTo`, bounded by the server's limit.
        @Test func exactTotalIsTheLibrarysAndBounded() async throws {
            let searcher = try Searcher(directory: ServerTestSupport.corpusIndex)
            let exact = try searcher.search("发展", options: SearchOptions(limit: 1, exactTotalUpTo: Int.max))
            let bounded = try searcher.search("发展", options: SearchOptions(limit: 1, exactTotalUpTo: 2))
            try await ServerTestSupport.withRouter { client in
                let word = ServerTestSupport.encoded("发展")
                let (_, all) = try await ServerTestSupport.get(client, "/api/search?q=\(word)&limit=1&exact_total=1000000")
                #expect(all["total"] as? Int == exact.totalMatches)
                #expect(all["total_relation"] as? String == "eq")
                let (_, few) = try await ServerTestSupport.get(client, "/api/search?q=\(word)&limit=1&exact_total=2")
                #expect(few["total"] as? Int == bounded.totalMatches)
                #expect(few["total_relation"] as? String == (bounded.totalIsExact ? "eq" : "gte"))
                for value in ["-1", "1000001", "many"] {
                    let (status, error) = try await ServerTestSupport.get(client, "/api/search?q=\(word)&exact_total=\(value)")
                    #expect(status == .badRequest, "\(value)")
                    #expect((error["error"] as? [String: Any])?["code"] as? String == "invalid_parameter")
                }
            }
        }

        @Test func countsByYearDocumentAndCollectionAgree() async throws {
            let searcher = try Searcher(directory: ServerTestSupport.corpusIndex)
            let trend = try searcher.trendByYear("\"代表建议\"")
            try await ServerTestSupport.withRouter { client in
                let (_, years) = try await ServerTestSupport.get(client, "/api/count?q=\(phrase)")
                let rows = try #require(years["years"] as? [[String: Any]])
                #expect(rows.map { $0["occurrences"] as? Int } == trend.map(\.occurrences))
                let total = trend.reduce(0) { $0 + $1.occurrences }
                for by in ["doc", "collection"] {
                    let (status, body) = try await ServerTestSupport.get(client, "/api/count?q=\(phrase)&by=\(by)")
                    #expect(status == .ok)
                    let groups = try #require(body["groups"] as? [[String: Any]])
                    #expect(groups.reduce(0) { $0 + ($1["occurrences"] as! Int) } == total)
                }
            }
        }

        @Test func kwicGivesOneLinePerOccurrence() async throws {
            let occurrences = try Searcher(directory: ServerTestSupport.corpusIndex).trendByYear("\"代表建议\"").reduce(0) { $0 + $1.occurrences }
            try await ServerTestSupport.withRouter { client in
                let (status, body) = try await ServerTestSupport.get(client, "/api/kwic?q=\(phrase)&sort=left&width=10")
                #expect(status == .ok)
                let lines = try #require(body["lines"] as? [[String: Any]])
                #expect(lines.count == occurrences)
                #expect(body["occurrences"] as? Int == occurrences)
                #expect(lines.allSatisfy { $0["match"] as? String == "代表建议" })
            }
        }

        @Test func documentsAreServedByIdWithEveryHit() async throws {
            try await ServerTestSupport.withRouter { client in
                let (_, search) = try await ServerTestSupport.get(client, "/api/search?q=\(phrase)&limit=1")
                let hit = try #require((search["hits"] as? [[String: Any]])?.first)
                let id = try #require(hit["document"] as? String)
                let (status, document) = try await ServerTestSupport.get(client, "/api/documents/\(id)?q=\(phrase)")
                #expect(status == .ok)
                #expect(document["path"] as? String == hit["path"] as? String)
                let text = try #require(document["text"] as? String)
                let utf16 = Array(text.utf16)
                let marks = try #require(document["highlightsUTF16"] as? [[Int]])
                #expect(!marks.isEmpty)
                #expect(marks.allSatisfy { String(decoding: utf16[$0[0]..<$0[1]], as: UTF16.self) == "代表建议" })
                // Every occurrence in the text is highlighted.
                #expect(marks.count == text.components(separatedBy: "代表建议").count - 1)
                let (missing, error) = try await ServerTestSupport.get(client, "/api/documents/0123456789abcdef")
                #expect(missing == .notFound)
                #expect((error["error"] as? [String: Any])?["code"] as? String == "no_such_document")
            }
        }

        /// Each hit and concordance line carries the library's section path, and the document
        /// lists its headings: the innermost heading of a hit's path is the last heading of that
        /// depth before the hit's passage, and those before it are its parents.
        @Test func sectionPathsAndHeadingsAreTheLibrarys() async throws {
            let searcher = try Searcher(directory: ServerTestSupport.corpusIndex)
            let expected = try searcher.search("\"代表建议\"", options: SearchOptions(limit: 20))
            let lines = try searcher.concordance("\"代表建议\"", options: ConcordanceOptions())
            #expect(expected.hits.contains { $0.section.count >= 2 }, "the corpus has hits under nested headings")
            try await ServerTestSupport.withRouter { client in
                let (_, search) = try await ServerTestSupport.get(client, "/api/search?q=\(phrase)&limit=20")
                let hits = try #require(search["hits"] as? [[String: Any]])
                #expect(hits.map { $0["section"] as? [String] } == expected.hits.map(\.section))
                let (_, kwic) = try await ServerTestSupport.get(client, "/api/kwic?q=\(phrase)")
                let kwicLines = try #require(kwic["lines"] as? [[String: Any]])
                #expect(kwicLines.map { $0["section"] as? [String] } == lines.map(\.section))

                for hit in hits {
                    let section = try #require(hit["section"] as? [String])
                    guard !section.isEmpty else { continue }
                    let (_, document) = try await ServerTestSupport.get(client, "/api/documents/\(hit["document"] as! String)")
                    let text = try #require(document["text"] as? String)
                    let utf8 = Array(text.utf8), utf16 = Array(text.utf16)
                    let headings = try #require(document["headings"] as? [[String: Any]])
                    let start = try #require((hit["passage"] as? [String: Int])?["start"])
                    // The path the headings give at the hit's passage: the last heading of each depth.
                    var path: [String] = []
                    for heading in headings {
                        let (depth, bytes, units) = (heading["depth"] as! Int, heading["range"] as! [Int], heading["rangeUTF16"] as! [Int])
                        guard bytes[0] <= start else { break }
                        let title = String(decoding: utf8[bytes[0]..<bytes[1]], as: UTF8.self)
                        #expect(String(decoding: utf16[units[0]..<units[1]], as: UTF16.self) == title)
                        #expect((1...path.count + 1).contains(depth), "a heading of depth \(depth) under \(path)")
                        path = Array(path.prefix(depth - 1)) + [title.split(whereSeparator: \.isNewline).joined(separator: " ")]
                    }
                    #expect(path == section, "\(hit["path"]!) at \(start)")
                }
            }
        }

        @Test func statsAreTheCLIsObject() async throws {
            let statistics = try Searcher(directory: ServerTestSupport.corpusIndex).statistics()
            try await ServerTestSupport.withRouter { client in
                let (status, body) = try await ServerTestSupport.get(client, "/api/stats")
                #expect(status == .ok)
                #expect(body["documents"] as? Int == statistics.documents)
                #expect(body["passages"] as? Int == statistics.passages)
            }
        }

        @Test func errorsHaveOneShapeAndTheQuerysPosition() async throws {
            try await ServerTestSupport.withRouter { client in
                let cases: [(String, HTTPResponse.Status, String)] = [
                    ("/api/search?q=\(ServerTestSupport.encoded("代表 \"建议"))", .badRequest, "malformed_query"),
                    ("/api/search", .badRequest, "invalid_parameter"),
                    ("/api/search?q=a&limit=x", .badRequest, "invalid_parameter"),
                    ("/api/search?q=a&q=b", .badRequest, "invalid_parameter"),
                    ("/api/search?q=a&colour=red", .badRequest, "invalid_parameter"),
                    ("/api/search?q=a&years=2020-2010", .badRequest, "invalid_parameter"),
                    ("/api/kwic?q=a&sort=sideways", .badRequest, "invalid_parameter"),
                    ("/api/documents/..%2F..%2Fetc%2Fpasswd", .badRequest, "bad_path"),
                    ("/api/documents/%2Fetc%2Fpasswd", .badRequest, "bad_path"),
                    ("/api/documents/etc-passwd", .badRequest, "invalid_parameter"),
                ]
                for (uri, expectedStatus, code) in cases {
                    let (status, body) = try await ServerTestSupport.get(client, uri)
                    #expect(status == expectedStatus, "\(uri)")
                    let error = try #require(body["error"] as? [String: Any], "\(uri)")
                    #expect(error["code"] as? String == code, "\(uri)")
                    #expect(error["message"] is String)
                }
                let (_, malformed) = try await ServerTestSupport.get(client, "/api/search?q=\(ServerTestSupport.encoded("代表 \"建议"))")
                #expect((malformed["error"] as? [String: Any])?["position"] as? Int == 3)
            }
        }

        @Test func queriesAndRequestsHaveLimits() async throws {
            var configuration = ServerTestSupport.configuration()
            configuration.limits.targetBytes = 1 << 20  // so the query's own limit is what refuses it
            try await ServerTestSupport.withRouter(configuration) { client in
                let query = String(repeating: "代", count: 501)
                let (status, body) = try await ServerTestSupport.get(client, "/api/search?q=\(ServerTestSupport.encoded(query))")
                #expect(status == .contentTooLarge)
                #expect((body["error"] as? [String: Any])?["code"] as? String == "too_large")
            }
            try await ServerTestSupport.withRouter { client in
                let (status, _) = try await ServerTestSupport.get(client, "/api/search?q=\(String(repeating: "a", count: 5_000))")
                #expect(status == .uriTooLong)
                let many = (0..<20).map { "p\($0)=1" }.joined(separator: "&")
                let (tooMany, _) = try await ServerTestSupport.get(client, "/api/search?q=a&\(many)")
                #expect(tooMany == .badRequest)
            }
        }

        @Test func theTimeBudgetAnswers503() async throws {
            do {
                _ = try await TimeBudget.run(.milliseconds(50)) { () throws(APIError) in
                    usleep(3_000_000)
                    return 1
                }
                Issue.record("work of 3 s finished within a budget of 50 ms")
            } catch {
                #expect(error.code == "timeout")
                #expect(error.status == .serviceUnavailable)
            }
            let quick = try await TimeBudget.run(.seconds(5)) { () throws(APIError) in 7 }
            #expect(quick == 7)
        }

        /// Every key the spec requires is in real answers, and every key answered is in the spec.
        @Test func openAPIDescribesRealResponses() async throws {
            let spec = try JSONSerialization.jsonObject(with: Data(OpenAPISpec.json.utf8)) as! [String: Any]
            #expect(spec["openapi"] as? String == "3.1.0")
            let schemas = (spec["components"] as! [String: Any])["schemas"] as! [String: [String: Any]]
            let keys = schemas.compactMapValues { object -> (required: Set<String>, all: Set<String>)? in
                guard let properties = object["properties"] as? [String: Any] else { return nil }
                return (Set(object["required"] as? [String] ?? []), Set(properties.keys))
            }
            try await ServerTestSupport.withRouter { client in
                let (_, served) = try await ServerTestSupport.get(client, "/openapi.json")
                #expect(served["openapi"] as? String == "3.1.0")
                let (_, search) = try await ServerTestSupport.get(client, "/api/search?q=\(phrase)&limit=1")
                let (_, years) = try await ServerTestSupport.get(client, "/api/count?q=\(phrase)")
                let (_, groups) = try await ServerTestSupport.get(client, "/api/count?q=\(phrase)&by=doc")
                let (_, kwic) = try await ServerTestSupport.get(client, "/api/kwic?q=\(phrase)&limit=1")
                let (_, stats) = try await ServerTestSupport.get(client, "/api/stats")
                let hit = (search["hits"] as! [[String: Any]])[0]
                let id = hit["document"] as! String
                let (_, document) = try await ServerTestSupport.get(client, "/api/documents/\(id)")
                let (_, error) = try await ServerTestSupport.get(client, "/api/search")
                let answers: [(String, [String: Any])] = [
                    ("SearchResults", search), ("Hit", hit), ("YearCounts", years), ("GroupCounts", groups),
                    ("Concordance", kwic), ("Statistics", stats), ("Document", document), ("Error", error),
                ]
                for (schema, answer) in answers {
                    let (required, all) = try #require(keys[schema])
                    #expect(required.isSubset(of: Set(answer.keys)), "\(schema) lacks \(required.subtracting(answer.keys))")
                    #expect(Set(answer.keys).isSubset(of: all), "\(schema) does not document \(Set(answer.keys).subtracting(all))")
                }
            }
        }

        @Test func thePageAndItsAssetsAreServed() async throws {
            try await ServerTestSupport.withRouter { client in
                for (path, type) in [("/", "text/html"), ("/app.js", "text/javascript"), ("/app.css", "text/css")] {
                    try await client.execute(uri: path, method: .get) { response in
                        #expect(response.status == .ok)
                        #expect(response.headers[.contentType]?.hasPrefix(type) == true)
                        #expect(response.body.readableBytes > 1000)
                    }
                }
            }
        }
    }
}
