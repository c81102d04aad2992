/// How far indexing has got, for a progress display.
public struct IndexProgress: Sendable, Equatable {
    public var filesDone: Int
    public var filesTotal: Int
    public var bytesDone: Int
    /// Sizes of the files to index, as found before reading them.
    public var bytesTotal: Int
}
