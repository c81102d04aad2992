#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Jiansuo

/// Whether output is coloured: `auto` colours only a terminal, and only without NO_COLOR.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    var enabled: Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: isatty(STDOUT_FILENO) == 1 && getenv("NO_COLOR") == nil
            && getenv("TERM").map { String(cString: $0) } != "dumb"
        }
    }
}

/// An on/off option value.
enum Switch: String, ExpressibleByArgument, CaseIterable {
    case on, off
}

enum Terminal {
    static let highlightOn = "\u{1B}[1;31m"
    static let dimOn = "\u{1B}[2m"
    static let boldOn = "\u{1B}[1m"
    static let reset = "\u{1B}[0m"

    /// The width of the terminal standard output goes to, `nil` when it goes elsewhere.
    static var columns: Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return getenv("COLUMNS").flatMap { Int(String(cString: $0)) }
    }

    static func printError(_ message: String) {
        var standardError = StandardError()
        print("jiansuo: error: \(message)", to: &standardError)
    }

    static func printWarning(_ message: String) {
        var standardError = StandardError()
        print("jiansuo: \(message)", to: &standardError)
    }

    /// Columns `text` takes on a terminal: East Asian wide and full-width characters take two.
    static func displayWidth(_ text: String) -> Int {
        DisplayWidth.of(text)
    }

    /// `text` padded with spaces on the left to `width` columns.
    static func padLeft(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - displayWidth(text))) + text
    }

    /// `text` padded with spaces on the right to `width` columns.
    static func padRight(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - displayWidth(text)))
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var bytes = Array(string.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.write(STDERR_FILENO, $0.baseAddress! + written, $0.count - written) }
            if count <= 0 { return }
            written += count
        }
    }
}
