/// How `jiansuo serve` listens and what it accepts.
public struct ServerConfiguration: Sendable {
    /// The index directory.
    public var index: String
    /// The address to bind: loopback unless the user asks for more.
    public var host: String
    /// The port; 0 picks a free one.
    public var port: Int
    /// The one origin allowed to call the API from another site's pages; `nil`: none (no
    /// CORS headers at all).
    public var corsOrigin: String?
    /// The secret every API request must carry (`Authorization: Bearer …` or `?token=…`);
    /// required when `host` is not a loopback address.
    public var token: String?
    /// Host names, besides the bound address and loopback names, that a request's `Host`
    /// header may give (the machine's name when bound beyond loopback).
    public var allowedHosts: [String]
    public var limits: RequestLimits

    public init(
        index: String, host: String = "127.0.0.1", port: Int = 8080, corsOrigin: String? = nil,
        token: String? = nil, allowedHosts: [String] = [], limits: RequestLimits = RequestLimits()
    ) {
        self.index = index
        self.host = host
        self.port = port
        self.corsOrigin = corsOrigin
        self.token = token
        self.allowedHosts = allowedHosts
        self.limits = limits
    }

    /// Whether `host` is a loopback address or name: reachable from this machine only.
    public var isLoopback: Bool {
        Self.loopbackNames.contains(host.lowercased()) || host.hasPrefix("127.")
    }

    static let loopbackNames: Set<String> = ["localhost", "127.0.0.1", "::1", "[::1]"]
}

/// Bounds on what one request may ask, so no request can make the server do unbounded work.
public struct RequestLimits: Sendable {
    /// Characters of `q`.
    public var queryCharacters = 500
    /// Bytes of the request target (path and query string).
    public var targetBytes = 4096
    /// Query-string parameters.
    public var parameters = 12
    /// Results on one page.
    public var pageSize = 100
    /// How deep pagination goes: `offset + limit` at most this.
    public var resultDepth = 1000
    /// Matches a search counts exactly at most (`exact_total`); the time budget bounds the
    /// cost anyway, and `/api/count` is the exact tool.
    public var exactTotal = 1_000_000
    /// Concordance lines in one answer.
    public var concordanceLines = 2000
    /// Concordance context, in columns each side.
    public var contextWidth = 80
    /// How long a request may take before it is answered 503.
    public var timeBudget: Duration = .seconds(5)
    /// Answers kept per snapshot of the index for requests that come again (0: none).
    public var cachedAnswers = 1024
    /// Bytes of those answers at most.
    public var cachedBytes = 64 << 20

    public init() {}
}
