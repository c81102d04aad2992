/// A horizontal bar of block characters for a terminal chart, in eighths of a column so
/// small differences between years still show.
enum TextBar {
    private static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// A bar `value / maximum` of `width` columns long; empty for 0, at least a sliver otherwise.
    static func render(_ value: Double, maximum: Double, width: Int) -> String {
        guard value > 0, maximum > 0, width > 0 else { return "" }
        let units = max(1, Int((value / maximum * Double(width * 8)).rounded()))
        return String(repeating: "█", count: units / 8) + eighths[units % 8]
    }
}
