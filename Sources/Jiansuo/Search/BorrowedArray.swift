/// Objects in an array, each read for a call without being retained and released around it.
///
/// Swift retains an object loaded from an array for as long as a call into code it cannot
/// see runs, since that code might drop the array's last reference: in the cursors' inner
/// loops (a phrase's keys, a query's leaves, each advanced once per candidate) those
/// retains and releases were a fifth of a query's time (docs/BENCHMARKS.md). Here the array
/// itself keeps every object alive for as long as it exists, so each call may borrow its
/// object unretained.
struct BorrowedArray<Element: AnyObject> {
    /// Keeps the objects alive; read only through `references`. Every access extends its
    /// lifetime: a field nothing reads may otherwise be released as soon as the value is
    /// built (the optimizer splits a struct into its fields), freeing the objects while
    /// they are borrowed — heap corruption that came and went with unrelated inlining.
    let elements: [Element]
    private let references: [Unmanaged<Element>]

    init(_ elements: [Element]) {
        self.elements = elements
        self.references = elements.map { Unmanaged.passUnretained($0) }
    }

    var count: Int { references.count }
    var indices: Range<Int> { references.indices }
    var isEmpty: Bool { references.isEmpty }

    /// `body` applied to the object at `index`, not retained for the call.
    @inline(__always)
    func call<Result>(_ index: Int, _ body: (Element) throws(JiansuoError) -> Result) throws(JiansuoError) -> Result {
        try withExtendedLifetime(elements) { () throws(JiansuoError) -> Result in
            try references[index]._withUnsafeGuaranteedRef { element in
                Swift.Result { () throws(JiansuoError) -> Result in try body(element) }
            }.get()
        }
    }

    /// `body` applied to the object at `index`, not retained: for what cannot fail.
    @inline(__always)
    func read<Result>(_ index: Int, _ body: (Element) -> Result) -> Result {
        withExtendedLifetime(elements) { references[index]._withUnsafeGuaranteedRef(body) }
    }
}
