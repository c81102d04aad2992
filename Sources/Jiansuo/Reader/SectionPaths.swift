/// Where a passage stands in its document: the headings of the sections it lies in.
extension SegmentReader {
    /// The headings of the sections around `passage`, outermost first (a heading's own
    /// passage included in the section it opens); empty before a document's first heading.
    func sectionPath(of passage: PassageRecord) throws(JiansuoError) -> [String] {
        var path: [String] = []
        var next = passage.section
        // Each parent comes before its child (checked by `SectionsFile.Reader`), so this ends.
        while let index = next {
            let section = try section(Int(index))
            path.append(try headingText(of: section))
            next = section.parent
        }
        return path.reversed()
    }

    /// A section's heading as shown: its passage's text, Markdown marks and line breaks left out.
    func headingText(of section: SectionRecord) throws(JiansuoError) -> String {
        let heading = try passage(Int(section.headingPassage))
        let document = try document(Int(heading.document))
        let text = String(decoding: try textBytes(of: document, range: Int(heading.start)..<Int(heading.end)), as: UTF8.self)
        let unmarked = text.hasPrefix("#") ? text.drop { $0 == "#" }.drop(while: \.isWhitespace) : Substring(text)
        return unmarked.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
