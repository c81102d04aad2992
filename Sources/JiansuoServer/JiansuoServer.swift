import Hummingbird
import Jiansuo
import Logging

/// The web app and JSON API over one index (`jiansuo serve`).
public enum JiansuoServer {
    /// The application: routes, the request guard, CORS when asked for. `onListening`
    /// receives the URL once the server listens.
    public static func application(
        _ configuration: ServerConfiguration, onListening: @escaping @Sendable (String) -> Void = { _ in }
    ) -> some ApplicationProtocol {
        var logger = Logger(label: "jiansuo-serve")
        logger.logLevel = .warning
        return Application(
            router: router(configuration),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in
                onListening(url(configuration, port: channel.localAddress?.port ?? configuration.port))
            },
            logger: logger)
    }

    /// What a user opens: the page, with the token when one is needed.
    static func url(_ configuration: ServerConfiguration, port: Int) -> String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "http://\(host):\(port)/" + (configuration.token.map { "?token=\($0)" } ?? "")
    }

    public static func router(_ configuration: ServerConfiguration) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: RequestGuard(configuration: configuration))
        if let origin = configuration.corsOrigin {
            router.add(middleware: CORSMiddleware(
                allowOrigin: .custom(origin), allowHeaders: [.authorization, .contentType], allowMethods: [.get, .head]))
        }
        let limits = configuration.limits
        let api = API(limits: limits)
        let index = LiveIndex(
            directory: configuration.index,
            cacheLimits: ResponseCache.Limits(entries: limits.cachedAnswers, bytes: limits.cachedBytes))
        func endpoint(
            _ path: RouterPath, known: Set<String>,
            _ handler: @escaping @Sendable (API, QueryParameters, Searcher, BasicRequestContext) throws(APIError) -> String
        ) {
            router.get(path) { request, context -> Response in
                do throws(APIError) {
                    let parameters = try QueryParameters(request, known: known, limits: limits)
                    let started = ContinuousClock.now
                    // One `stat` of the commit file; a searcher is opened (a few mappings,
                    // milliseconds) only on the first request after a commit.
                    let snapshot: LiveIndex.Snapshot
                    do throws(JiansuoError) { snapshot = try index.snapshot() } catch { throw APIError(error) }
                    let key = request.uri.path + parameters.canonical
                    var json = try await snapshot.answers.answer(for: key) { () async -> ResponseCache.Answer in
                        do throws(APIError) {
                            return .success(try await TimeBudget.run(limits.timeBudget) { () throws(APIError) in
                                try handler(api, parameters, snapshot.searcher, context)
                            })
                        } catch {
                            return .failure(error)
                        }
                    }.get()
                    // `took_ms`, spliced in as the object's last key.
                    let took = (ContinuousClock.now - started) / .milliseconds(1)
                    json.removeLast()
                    json += ",\"took_ms\":\(JSONText.number(took))}"
                    return .json(json)
                } catch {
                    return error.response
                }
            }
        }
        endpoint("/api/search", known: ["q", "limit", "offset", "years", "collection", "source", "group", "operator", "snippet", "exact_total"]) { api, parameters, searcher, _ throws(APIError) in
            try api.search(parameters, on: searcher)
        }
        endpoint("/api/count", known: ["q", "years", "collection", "source", "by"]) { api, parameters, searcher, _ throws(APIError) in
            try api.count(parameters, on: searcher)
        }
        endpoint("/api/kwic", known: ["q", "sort", "width", "limit", "offset", "years", "collection", "source", "operator"]) { api, parameters, searcher, _ throws(APIError) in
            try api.kwic(parameters, on: searcher)
        }
        endpoint("/api/documents/{id}", known: ["q", "operator"]) { api, parameters, searcher, context throws(APIError) in
            try api.document(id: context.parameters.get("id") ?? "", parameters, on: searcher)
        }
        endpoint("/api/stats", known: []) { api, parameters, searcher, _ throws(APIError) in try api.stats(parameters, on: searcher) }
        router.get("/openapi.json") { _, _ in Response.json(OpenAPISpec.json) }
        for asset in WebPage.assets {
            router.get(RouterPath(asset.path)) { _, _ in Response.body(asset.content, contentType: asset.contentType) }
        }
        return router
    }
}
