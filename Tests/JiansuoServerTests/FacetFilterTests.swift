import Foundation
import HummingbirdTesting
import Jiansuo
import Testing
@testable import JiansuoServer

extension ServerTests {
    /// The `collection` and `source` parameters — what a click on a facet sends — narrow
    /// search, counts and the concordance alike, as the query language's `collection:` and
    /// `source:` do.
    @Suite struct FacetFilterTests {
        let phrase = ServerTestSupport.encoded("\"代表建议\"")

        /// Corpus/'s collections are its year folders.
        @Test func aCollectionNarrowsEveryEndpoint() async throws {
            try await ServerTestSupport.withRouter { client in
                let (_, all) = try await ServerTestSupport.get(client, "/api/count?q=\(phrase)&by=collection")
                let groups = try #require(all["groups"] as? [[String: Any]])
                #expect(groups.count > 1, "the test needs matches in two collections")
                let chosen = try #require(groups.last)
                let name = try #require(chosen["key"] as? String)
                let filter = "collection=\(ServerTestSupport.encoded(name))"

                let (status, only) = try await ServerTestSupport.get(client, "/api/count?q=\(phrase)&by=collection&\(filter)")
                #expect(status == .ok)
                let narrowed = try #require(only["groups"] as? [[String: Any]])
                #expect(narrowed.map { $0["key"] as? String } == [name])
                #expect(narrowed.first?["occurrences"] as? Int == chosen["occurrences"] as? Int)

                let (_, search) = try await ServerTestSupport.get(client, "/api/search?q=\(phrase)&limit=100&\(filter)")
                #expect(search["total"] as? Int == chosen["passages"] as? Int)
                #expect(search["query"] as? String == "\"代表建议\"", "the query is echoed as given")
                let (_, typed) = try await ServerTestSupport.get(
                    client, "/api/search?q=\(ServerTestSupport.encoded("\"代表建议\" collection:\(name)"))&limit=100")
                #expect(typed["total"] as? Int == search["total"] as? Int, "the parameter filters as the query language does")
                let hits = try #require(search["hits"] as? [[String: Any]])
                #expect(!hits.isEmpty)
                #expect(hits.allSatisfy { ($0["path"] as? String)?.contains("/\(name)/") == true })

                let (_, years) = try await ServerTestSupport.get(client, "/api/count?q=\(phrase)&\(filter)")
                let yearRows = try #require(years["years"] as? [[String: Any]])
                #expect(yearRows.reduce(0) { $0 + ($1["occurrences"] as! Int) } == chosen["occurrences"] as? Int)

                let (_, kwic) = try await ServerTestSupport.get(client, "/api/kwic?q=\(phrase)&\(filter)")
                #expect(kwic["occurrences"] as? Int == chosen["occurrences"] as? Int)
                #expect((kwic["lines"] as? [[String: Any]])?.count == chosen["occurrences"] as? Int)

                let (none, empty) = try await ServerTestSupport.get(client, "/api/search?q=\(phrase)&collection=no-such-folder")
                #expect(none == .ok)
                #expect(empty["total"] as? Int == 0)
            }
        }

        /// Sources come from a metadata sidecar: two reports, one of them named 新华社's.
        @Test func aSourceNarrowsToTheDocumentsItNames() async throws {
            let folder = ServerTestSupport.temporaryDirectory("server-sources")
            let corpus = ServerTestSupport.repositoryRoot.appendingPathComponent("Corpus")
            for (name, original) in [("a.txt", "2020/关于市人大代表建议办理情况的报告.txt"), ("b.txt", "2022/关于代表建议、批评和意见办理工作的报告.txt")] {
                try FileManager.default.copyItem(
                    atPath: corpus.appendingPathComponent(original).path, toPath: folder + "/" + name)
            }
            try "path,source\na.txt,新华社\n".write(toFile: folder + "/metadata.csv", atomically: true, encoding: .utf8)
            let index = ServerTestSupport.temporaryDirectory("server-sources-index")
            let writer = try IndexWriter(directory: index)
            _ = try writer.addFolder(folder)
            _ = try writer.commit()

            try await ServerTestSupport.withRouter(ServerTestSupport.configuration(index: index)) { client in
                let (_, all) = try await ServerTestSupport.get(client, "/api/search?q=\(phrase)&limit=100")
                let (_, only) = try await ServerTestSupport.get(client, "/api/search?q=\(phrase)&limit=100&source=\(ServerTestSupport.encoded("新华社"))")
                let paths = { (body: [String: Any]) in Set((body["hits"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }) }
                #expect(paths(all).count == 2)
                #expect(paths(only).count == 1)
                #expect(paths(only).allSatisfy { $0.hasSuffix("/a.txt") })
                let (_, sources) = try await ServerTestSupport.get(client, "/api/count?q=\(phrase)&by=source&source=\(ServerTestSupport.encoded("新华社"))")
                #expect((sources["groups"] as? [[String: Any]])?.map { $0["key"] as? String } == ["新华社"])
            }
        }

        @Test func aFilterIsGivenOnce() async throws {
            try await ServerTestSupport.withRouter { client in
                for uri in ["/api/kwic?q=\(phrase)&collection=a&collection=b", "/api/count?q=\(phrase)&source=a&source=a"] {
                    let (status, body) = try await ServerTestSupport.get(client, uri)
                    #expect(status == .badRequest, "\(uri)")
                    #expect((body["error"] as? [String: Any])?["code"] as? String == "invalid_parameter", "\(uri)")
                }
            }
        }
    }
}
