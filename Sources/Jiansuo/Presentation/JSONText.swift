/// Builds JSON text by hand: the output of `--json` and of the HTTP API is a few flat
/// objects, not worth a Foundation dependency (and its start-up time) in a command meant to
/// answer in milliseconds.
public enum JSONText {
    public static func string(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    public static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "null"
    }

    public static func optional(_ value: Int?) -> String {
        value.map(String.init) ?? "null"
    }

    /// An object from already-encoded values, keys in the order given.
    public static func object(_ fields: KeyValuePairs<String, String>) -> String {
        object(fields.map { (key: $0.key, value: $0.value) })
    }

    public static func object(_ fields: [(key: String, value: String)]) -> String {
        "{" + fields.map { string($0.key) + ":" + $0.value }.joined(separator: ",") + "}"
    }

    public static func array(_ values: [String]) -> String {
        "[" + values.joined(separator: ",") + "]"
    }

    /// Ranges as `[[start, end], …]`.
    public static func ranges(_ ranges: [Range<Int>]) -> String {
        array(ranges.map { array([String($0.lowerBound), String($0.upperBound)]) })
    }
}
