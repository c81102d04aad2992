/// A hit's section path on one line, `二、代表工作 › （三）建议办理`, shortened to fit.
enum SectionDisplay {
    static let separator = " › "

    /// The headings joined by ›, in at most `columns` columns (no limit when `nil`): each
    /// heading is first cut to an equal share (its numbering and first words stay), then
    /// the whole line, each cut marked with `…`.
    static func text(_ section: [String], columns: Int?) -> String {
        let full = section.joined(separator: separator)
        guard let columns, Terminal.displayWidth(full) > columns, !section.isEmpty else { return full }
        let share = max(6, (columns - Terminal.displayWidth(separator) * (section.count - 1)) / section.count)
        let shortened = section.map { cut($0, columns: share) }.joined(separator: separator)
        return cut(shortened, columns: columns)
    }

    /// `text`, or its longest start that fits in `columns` with a closing `…`.
    private static func cut(_ text: String, columns: Int) -> String {
        guard Terminal.displayWidth(text) > columns else { return text }
        return KwicCommand.prefix(text, columns: max(0, columns - 1)) + "…"
    }
}
