/// A parsed query. See `Query` for the syntax that produces it.
public indirect enum QueryNode: Sendable, Equatable, CustomStringConvertible {
    /// Unquoted text: analyzed into words, which combine by the default operator.
    case words(String)
    /// A quoted phrase: passages whose folded text (white space removed) contains it.
    case phrase(String)
    /// `"…"~N`: the phrase's words within N words of standing side by side, in any order.
    case near(String, distance: Int)
    /// `year:A..B`: only passages of these years.
    case years(ClosedRange<Int>)
    /// `heading:WORD`, `heading:"phrase"`: only passages under a heading containing the text.
    case heading(String)
    /// `collection:NAME`: only documents of this collection (see `CountGrouping.collection`).
    case collection(String)
    /// `source:NAME`: only documents whose metadata sidecar names this source.
    case source(String)
    /// Every child matches (`NOT` children must not).
    case and([QueryNode])
    /// At least one child matches.
    case or([QueryNode])
    /// Excludes what the child matches; only inside an `and`.
    case not(QueryNode)

    public var description: String {
        switch self {
        case .words(let text): text
        case .phrase(let text): "\"\(text)\""
        case .near(let text, let distance): "\"\(text)\"~\(distance)"
        case .years(let range): range.lowerBound == range.upperBound ? "year:\(range.lowerBound)" : "year:\(range.lowerBound)..\(range.upperBound)"
        case .heading(let text): "heading:\"\(text)\""
        case .collection(let name): "collection:\"\(name)\""
        case .source(let name): "source:\"\(name)\""
        case .and(let children): "(" + children.map(\.description).joined(separator: " ") + ")"
        case .or(let children): "(" + children.map(\.description).joined(separator: " OR ") + ")"
        case .not(let child): "-" + child.description
        }
    }

    /// Whether the node can select passages by itself (a `NOT` or a filter cannot).
    var isPositive: Bool {
        switch self {
        case .words, .phrase, .near: true
        case .or(let children): !children.allSatisfy(\.isFilter)
        case .and(let children): children.contains(where: \.isPositive)
        case .years, .heading, .collection, .source, .not: false
        }
    }

    /// Whether the node only narrows what the rest of its conjunction selects by a passage's
    /// year or its document's collection or source: those filters, and `OR`s of them
    /// (`year:2017 OR year:2023`).
    var isFilter: Bool {
        switch self {
        case .years, .collection, .source: true
        case .or(let children): children.allSatisfy(\.isFilter)
        case .words, .phrase, .near, .heading, .and, .not: false
        }
    }
}
