/// An aligned plain-text table: the first column left-aligned, the others right-aligned
/// (they hold numbers), widths measured in terminal columns. A free-text last column (such
/// as a bar chart) can be left-aligned and unpadded instead.
enum TextTable {
    static func render(
        header: [String], rows: [[String]], separatorBeforeLastRow: Bool = false, lastColumnIsText: Bool = false
    ) -> String {
        let widths = header.indices.map { column in
            ([header] + rows).map { Terminal.displayWidth($0[column]) }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            var text = cells.indices.map { column in
                if lastColumnIsText && column == cells.count - 1 { return cells[column] }
                return column == 0 ? Terminal.padRight(cells[column], widths[column]) : Terminal.padLeft(cells[column], widths[column])
            }.joined(separator: "  ")
            // An empty free-text cell must not leave trailing spaces behind.
            while lastColumnIsText, text.last == " " { text.removeLast() }
            return text + "\n"
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
