import Hummingbird
import Jiansuo

/// A request's query-string parameters, read strictly: each at most once, only those the
/// endpoint knows, each checked against its limit, so a mistake is a 400 naming the
/// parameter rather than a silently different answer.
struct QueryParameters: Sendable {
    private let values: [String: String]
    let limits: RequestLimits

    init(_ request: Request, known: Set<String>, limits: RequestLimits) throws(APIError) {
        var values: [String: String] = [:]
        for (name, value) in request.uri.queryParameters {
            let name = String(name)
            guard name != "token" else { continue }  // checked by RequestGuard
            guard known.contains(name) else {
                throw .badParameter(name, "unknown parameter; this endpoint takes \(known.sorted().joined(separator: ", "))")
            }
            guard values[name] == nil else { throw .badParameter(name, "given more than once") }
            values[name] = String(value)
        }
        self.values = values
        self.limits = limits
    }

    /// The parameters in one text, the same whatever their order in the request: what tells
    /// one request's answer from another's on the same path.
    var canonical: String {
        JSONText.object(values.sorted { $0.key < $1.key }.map { (key: $0.key, value: JSONText.string($0.value)) })
    }

    func string(_ name: String) -> String? {
        values[name]
    }

    /// `q`: required, non-empty, within the length limit.
    func query() throws(APIError) -> String {
        guard let query = values["q"], !query.allSatisfy(\.isWhitespace) else {
            throw .badParameter("q", "a query is required")
        }
        guard query.count <= limits.queryCharacters else {
            throw .tooLarge("q: the query has \(query.count) characters; at most \(limits.queryCharacters) are accepted")
        }
        return query
    }

    func int(_ name: String, default value: Int, in range: ClosedRange<Int>) throws(APIError) -> Int {
        guard let text = values[name] else { return value }
        guard let number = Int(text) else { throw .badParameter(name, "\(text.prefix(40)) is not a whole number") }
        guard range.contains(number) else {
            throw .badParameter(name, "\(number) is outside \(range.lowerBound)…\(range.upperBound)")
        }
        return number
    }

    /// A value among `Choice`'s raw values.
    func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, default value: Choice) throws(APIError) -> Choice
    where Choice.RawValue == String {
        guard let text = values[name] else { return value }
        guard let choice = Choice(rawValue: text) else {
            throw .badParameter(name, "\(text.prefix(40)) is not one of \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return choice
    }

    /// What narrows a query to some passages — the page's facets: `years`, and the
    /// `collection` and `source` named as `count by=collection|source` gives their keys
    /// (empty: no filter).
    func scope() throws(APIError) -> (years: ClosedRange<Int>?, collection: String?, source: String?) {
        let named = { (name: String) in values[name].flatMap { $0.isEmpty ? nil : $0 } }
        return (try years(), named("collection"), named("source"))
    }

    /// `years`: `2019` or `2010-2020`.
    func years() throws(APIError) -> ClosedRange<Int>? {
        guard let text = values["years"], !text.isEmpty else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let first = Int(parts[0]), let last = Int(parts[parts.count - 1]),
              (0...9999).contains(first), (0...9999).contains(last) else {
            throw .badParameter("years", "\(text.prefix(40)) is not a year or a range of years such as 2010-2020")
        }
        guard first <= last else { throw .badParameter("years", "\(first) comes after \(last)") }
        return first...last
    }

    /// `offset` and `limit` of a page: the limit within the page size, the page within the
    /// depth pagination reaches.
    func page(defaultLimit: Int) throws(APIError) -> (offset: Int, limit: Int) {
        let limit = try int("limit", default: defaultLimit, in: 0...limits.pageSize)
        let offset = try int("offset", default: 0, in: 0...limits.resultDepth)
        guard offset + limit <= limits.resultDepth else {
            throw .badParameter("offset", "offset + limit may reach \(limits.resultDepth) at most")
        }
        return (offset, limit)
    }
}
