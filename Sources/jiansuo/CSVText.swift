/// Builds CSV text (RFC 4180): a field holding a comma, quote or line break is quoted, with
/// quotes doubled, so contexts cut from reports survive a spreadsheet.
enum CSVText {
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
        var quoted = "\""
        for character in value {
            if character == "\"" { quoted += "\"" }
            quoted.append(character)
        }
        return quoted + "\""
    }

    static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }
}
