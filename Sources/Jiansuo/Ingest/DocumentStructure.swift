/// A document's section tree, built from the headings `PassageSplitter` marks, and the
/// year each passage speaks of.
///
/// Headings of one numbered form are siblings; a form not open yet nests inside the open
/// ones (the order a report first uses its forms is its hierarchy: 一、 then （一） then 1.);
/// a heading closes every deeper section, and an unnumbered heading is always innermost.
/// A document's first passage, when it is an unnumbered heading, is its title, not a section.
/// A heading that names a year (`HeadingYear`) dates every passage of its section and its
/// subsections, until the next heading of the same or a higher level.
struct DocumentStructure: Equatable {
    struct Section: Equatable {
        /// Index into `sections`; parents come before their children.
        var parent: Int?
        /// 0 outermost.
        var level: Int
        /// Index of the heading's passage.
        var headingPassage: Int
        /// The year its heading names, or its parent's.
        var year: Int?
    }

    var sections: [Section] = []
    /// Per passage, the innermost section it stands in (a heading stands in the section it
    /// opens); `nil` before the first heading.
    var passageSections: [Int?] = []

    init(_ passages: [PassageSplitter.Passage], text: UnsafeBufferPointer<UInt8>) {
        var open: [(form: HeadingForm, section: Int)] = []  // numbered, year and markup levels
        var current: Int?
        for (index, passage) in passages.enumerated() {
            if let form = passage.heading, !(index == 0 && Self.isTitle(form)) {
                if let closed = open.firstIndex(where: { $0.form.isClosed(by: form) }) {
                    open.removeSubrange(closed...)
                }
                let parent = open.last?.section
                let heading = Substring(String(decoding: UnsafeBufferPointer(rebasing: text[passage.range]), as: UTF8.self))
                current = sections.count
                sections.append(Section(
                    parent: parent, level: open.count, headingPassage: index,
                    year: HeadingYear.named(in: heading) ?? parent.flatMap { sections[$0].year }))
                if form != .plain { open.append((form, sections.count - 1)) }
            }
            passageSections.append(current)
        }
    }

    /// An unnumbered first line, or a top-level markup heading, names the document.
    private static func isTitle(_ form: HeadingForm) -> Bool {
        form == .plain || form == .level(1)
    }
}
