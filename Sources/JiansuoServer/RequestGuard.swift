import Hummingbird

/// The checks every request passes before it reaches a handler (in this order):
/// - the request target within its length limit (414), with no `..`, encoded slash,
///   backslash or NUL anywhere in the path (400) — nothing is ever served by path, and such
///   a request is an attack, not a typo;
/// - no body: the API only reads (413);
/// - a `Host` naming the bound address or a loopback name (403): a page of another site
///   whose name was re-pointed at 127.0.0.1 (DNS rebinding) is refused, as Jupyter does;
/// - for `/api/…` when a token is set, the token (401);
/// - at most the allowed number of query parameters (400).
struct RequestGuard<Context: RequestContext>: RouterMiddleware {
    let configuration: ServerConfiguration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let refusal = refusal(of: request) { return refusal.response }
        return try await next(request, context)
    }

    func refusal(of request: Request) -> APIError? {
        let limits = configuration.limits
        let target = request.uri.string
        guard target.utf8.count <= limits.targetBytes else {
            return APIError(status: .uriTooLong, code: "too_large", message: "the request target is longer than \(limits.targetBytes) bytes")
        }
        if Self.isTraversal(request.uri.path) {
            return APIError(status: .badRequest, code: "bad_path", message: "paths with .., encoded slashes or NUL are refused")
        }
        if let length = request.headers[.contentLength], length != "0" {
            return .tooLarge("requests carry no body")
        }
        if request.headers[.transferEncoding] != nil { return .tooLarge("requests carry no body") }
        guard hostIsAllowed(request.head.authority) else {
            return APIError(
                status: .forbidden, code: "host_not_allowed",
                message: "the Host header must name this server (\(configuration.host)) or a loopback name")
        }
        if let token = configuration.token, request.uri.path.hasPrefix("/api/"), !carries(token, request) {
            return APIError(status: .unauthorized, code: "token_required", message: "this server needs its token: Authorization: Bearer TOKEN, or ?token=TOKEN")
        }
        if request.uri.queryParameters.count > limits.parameters {
            return .badParameter("query string", "more than \(limits.parameters) parameters")
        }
        return nil
    }

    static func isTraversal(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." }
            || ["%2e", "%2f", "%5c", "\\", "%00", "\u{0}"].contains { lowered.contains($0) }
    }

    /// Whether the name in a `Host` value (`name`, `name:port`, `[v6]:port`) may be served.
    func hostIsAllowed(_ authority: String?) -> Bool {
        guard let authority, !authority.isEmpty else { return false }
        // A wildcard bind answers to whatever names the machine has; the token guards it.
        if configuration.host == "0.0.0.0" || configuration.host == "::" { return true }
        var name = Substring(authority.lowercased())
        if name.hasPrefix("[") {
            guard let close = name.firstIndex(of: "]") else { return false }
            name = name[...close]
        } else if let colon = name.firstIndex(of: ":") {
            name = name[..<colon]
        }
        let bound = configuration.host.lowercased()
        let allowed = ServerConfiguration.loopbackNames.union([bound, "[\(bound)]"]).union(configuration.allowedHosts.map { $0.lowercased() })
        return allowed.contains(String(name))
    }

    private func carries(_ token: String, _ request: Request) -> Bool {
        let given = request.headers[.authorization].flatMap { value in
            value.hasPrefix("Bearer ") ? String(value.dropFirst(7)) : nil
        } ?? request.uri.queryParameters.get("token")
        guard let given else { return false }
        // Compared in time independent of where they differ.
        let a = Array(given.utf8), b = Array(token.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
