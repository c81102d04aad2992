/// Number formatting for the CLI's human-readable output.
enum NumberFormatting {
    static func decimal(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled - Double(whole) * scale)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard places > 0 else { return sign + grouped(whole) }
        let digits = String(fraction)
        return sign + grouped(whole) + "." + String(repeating: "0", count: places - digits.count) + digits
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// "1 document", "10,114 documents".
    static func counted(_ value: Int, _ singular: String, plural: String? = nil) -> String {
        "\(grouped(value)) " + (value == 1 ? singular : plural ?? singular + "s")
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes < 1_000_000 ? "\(grouped(bytes)) bytes" : "\(decimal(Double(bytes) / 1e6, places: 1)) MB"
    }
}
