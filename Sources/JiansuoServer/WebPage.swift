/// The web app: one HTML page, its style sheet and its script (`Web/`), written here and
/// compiled into the binary by SwiftPM (`embedInCode`) — no CDN, no build step, no files
/// read at run time, works offline.
enum WebPage {
    struct Asset: Sendable {
        let path: String
        let contentType: String
        let content: String
    }

    static let assets = [
        Asset(path: "/", contentType: "text/html; charset=utf-8", content: text(PackageResources.index_html)),
        Asset(path: "/app.css", contentType: "text/css; charset=utf-8", content: text(PackageResources.app_css)),
        Asset(path: "/app.js", contentType: "text/javascript; charset=utf-8", content: text(PackageResources.app_js)),
    ]

    private static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
