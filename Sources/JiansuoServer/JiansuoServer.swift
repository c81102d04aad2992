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
        let api = API(index: LiveIndex(directory: configuration.index), limits: configuration.limits)
        let limits = configuration.limits
        func endpoint(
            _ path: RouterPath, known: Set<String>,
            _ handler: @escaping @Sendable (API, QueryParameters, BasicRequestContext) throws(APIError) -> String
        ) {
            router.get(path) { request, context -> Response in
                do throws(APIError) {
                    let parameters = try QueryParameters(request, known: known, limits: limits)
                    let started = ContinuousClock.now
                    var json = try await TimeBudget.run(limits.timeBudget) { () throws(APIError) in
                        try handler(api, parameters, context)
                    }
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
        endpoint("/api/search", known: ["q", "limit", "offset", "years", "group", "operator", "snippet"]) { api, parameters, _ throws(APIError) in
            try api.search(parameters)
        }
        endpoint("/api/count", known: ["q", "years", "by"]) { api, parameters, _ throws(APIError) in try api.count(parameters) }
        endpoint("/api/kwic", known: ["q", "sort", "width", "limit", "offset", "years", "operator"]) { api, parameters, _ throws(APIError) in
            try api.kwic(parameters)
        }
        endpoint("/api/documents/{id}", known: ["q", "operator"]) { api, parameters, context throws(APIError) in
            try api.document(id: context.parameters.get("id") ?? "", parameters)
        }
        endpoint("/api/stats", known: []) { api, parameters, _ throws(APIError) in try api.stats(parameters) }
        router.get("/openapi.json") { _, _ in Response.json(OpenAPISpec.json) }
        for asset in WebPage.assets {
            router.get(RouterPath(asset.path)) { _, _ in Response.body(asset.content, contentType: asset.contentType) }
        }
        return router
    }
}
