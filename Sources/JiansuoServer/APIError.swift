import Hummingbird
import Jiansuo

/// Every error the API answers with, in one shape:
/// `{"error": {"code": "...", "message": "...", "position": N}}` (`position` only for a
/// malformed query: the character, counted from 0, where parsing failed).
struct APIError: Error, Sendable, Equatable {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var position: Int? = nil

    static func badParameter(_ name: String, _ message: String) -> APIError {
        APIError(status: .badRequest, code: "invalid_parameter", message: "\(name): \(message)")
    }

    static func tooLarge(_ message: String) -> APIError {
        APIError(status: .contentTooLarge, code: "too_large", message: message)
    }

    static let timeout = APIError(
        status: .serviceUnavailable, code: "timeout", message: "the request took longer than its time budget")

    /// A library error as the API reports it: the user's mistakes as 4xx, an unreadable
    /// index as 5xx.
    init(_ error: JiansuoError) {
        switch error {
        case .malformedQuery(_, let position, let reason):
            self.init(status: .badRequest, code: "malformed_query", message: reason, position: position)
        case .invalidArgument(let message):
            self.init(status: .badRequest, code: "invalid_parameter", message: message)
        case .missingIndex:
            self.init(status: .serviceUnavailable, code: "no_index", message: error.description)
        default:
            self.init(status: .internalServerError, code: "index_error", message: error.description)
        }
    }

    init(status: HTTPResponse.Status, code: String, message: String, position: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.position = position
    }

    var json: String {
        var fields: [(key: String, value: String)] = [("code", JSONText.string(code)), ("message", JSONText.string(message))]
        if let position { fields.append(("position", String(position))) }
        return JSONText.object(["error": JSONText.object(fields)])
    }

    var response: Response {
        Response.json(json, status: status)
    }
}

extension Response {
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, contentType: "application/json; charset=utf-8", status: status)
    }

    static func body(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: contentType, .cacheControl: "no-store", .xContentTypeOptions: "nosniff"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
