/// An aligned plain-text table: the first column left-aligned, the others right-aligned
/// (they hold numbers), widths measured in terminal columns.
enum TextTable {
    static func render(header: [String], rows: [[String]], separatorBeforeLastRow: Bool = false) -> String {
        let widths = header.indices.map { column in
            ([header] + rows).map { Terminal.displayWidth($0[column]) }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.indices.map { column in
                column == 0 ? Terminal.padRight(cells[column], widths[column]) : Terminal.padLeft(cells[column], widths[column])
            }.joined(separator: "  ") + "\n"
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        var output = line(header) + rule
        for (index, row) in rows.enumerated() {
            if separatorBeforeLastRow && index == rows.count - 1 { output += rule }
            output += line(row)
        }
        return output
    }
}
