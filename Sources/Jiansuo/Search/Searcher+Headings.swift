/// `heading:` filters, resolved against each segment's section table rather than postings:
/// the table is small (a few sections per document), and a heading's words are matched like
/// a quoted phrase — folded, white space ignored — in any heading on a passage's section path.
extension Searcher {
    /// Per segment, per passage, whether it stands under headings holding every `heading:`
    /// text of `plan`; `nil` when the plan has none.
    func headingFilter(_ plan: QueryPlan) throws(JiansuoError) -> [[Bool]]? {
        guard !plan.headings.isEmpty else { return nil }
        let analyzer = try Analyzer()
        let wanted = plan.headings.map { analyzer.phraseText($0) }
        var filter: [[Bool]] = []
        for segment in snapshot.segments {
            // Per section, which of `wanted` its path holds: its own heading's, and its parent's.
            var held: [Set<Int>] = []
            held.reserveCapacity(segment.sectionCount)
            for index in 0..<segment.sectionCount {
                let section = try segment.section(index)
                let heading = analyzer.phraseText(try segment.headingText(of: section))
                var found = section.parent.map { held[Int($0)] } ?? []
                for (number, text) in wanted.enumerated() where heading.contains(text) { found.insert(number) }
                held.append(found)
            }
            let columns = try segment.passageColumns()
            var passes = [Bool](repeating: false, count: columns.count)
            for passage in 0..<columns.count {
                let section = columns.section(passage)
                guard section != PassagesFile.noSection else { continue }
                guard Int(section) < held.count else {
                    throw .corruptIndex(
                        file: segment.name + ".passages", reason: "passage \(passage) names section \(section) of \(held.count)")
                }
                passes[passage] = held[Int(section)].count == wanted.count
            }
            filter.append(passes)
        }
        return filter
    }
}
