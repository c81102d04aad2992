/// Builds JSON text by hand: the output of `--json` and of the HTTP API is a few flat
/// objects, not worth a Foundation dependency (and its start-up time) in a command meant to
/// answer in milliseconds.
public enum JSONText {
    /// `value` as a JSON string. Worked on its UTF-8 bytes, copying the runs between the
    /// few bytes that need escaping: the HTTP API encodes whole passages for every answer,
    /// and going scalar by scalar cost a sixth of a search request's time.
    public static func string(_ value: String) -> String {
        var value = value
        return value.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 2)
            output.append(UInt8(ascii: "\""))
            var run = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                output.append(contentsOf: bytes[run..<index])
                run = index + 1
                output.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
                case UInt8(ascii: "\n"): output.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): output.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): output.append(UInt8(ascii: "t"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    output += [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                }
            }
            output.append(contentsOf: bytes[run...])
            output.append(UInt8(ascii: "\""))
            return String(decoding: output, as: UTF8.self)
        }
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
