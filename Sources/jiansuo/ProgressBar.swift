#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Jiansuo
import Synchronization

/// A one-line progress display on standard error — files, megabytes, rate, time left —
/// redrawn in place with a carriage return at most ten times a second. Shown only on a
/// terminal: piped output stays free of control characters.
final class ProgressBar: Sendable {
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private let lastDrawn: Mutex<ContinuousClock.Instant?> = Mutex(nil)
    private static let width = 24

    init() {
        started = clock.now
    }

    func show(_ progress: IndexProgress) {
        let now = clock.now
        let due = lastDrawn.withLock { last -> Bool in
            let finished = progress.filesDone == progress.filesTotal
            guard finished || last.map({ now - $0 >= .milliseconds(100) }) ?? true else { return false }
            last = now
            return true
        }
        guard due else { return }
        let seconds = max(NumberFormatting.seconds(now - started), 1e-6)
        let fraction = progress.bytesTotal > 0
            ? min(1, Double(progress.bytesDone) / Double(progress.bytesTotal))
            : progress.filesTotal > 0 ? Double(progress.filesDone) / Double(progress.filesTotal) : 1
        let filled = Int(fraction * Double(Self.width))
        let rate = Double(progress.bytesDone) / 1e6 / seconds
        // Nothing done yet gives no rate to foresee the rest by.
        let eta = progress.bytesDone > 0 && rate > 0
            ? Self.duration(Double(progress.bytesTotal - progress.bytesDone) / 1e6 / rate) : "…"
        let line = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: Self.width - filled) + "] "
            + "\(NumberFormatting.grouped(progress.filesDone))/\(NumberFormatting.grouped(progress.filesTotal)) files, "
            + "\(NumberFormatting.decimal(Double(progress.bytesDone) / 1e6, places: 1))/\(NumberFormatting.decimal(Double(progress.bytesTotal) / 1e6, places: 1)) MB, "
            + "\(NumberFormatting.decimal(rate, places: 1)) MB/s, ETA \(eta)"
        var standardError = StandardError()
        print("\r" + line + "\u{1B}[K", terminator: "", to: &standardError)
    }

    /// Clears the line, so what follows starts clean.
    func finish() {
        var standardError = StandardError()
        print("\r\u{1B}[K", terminator: "", to: &standardError)
    }

    private static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return whole >= 60 ? "\(whole / 60)m\(String(format: whole % 60))s" : "\(whole)s"
    }
}

private extension String {
    /// Two digits, zero-padded.
    init(format value: Int) {
        self = value < 10 ? "0\(value)" : "\(value)"
    }
}
