extension Searcher {
    /// The generation of the commit this searcher reads.
    public var generation: UInt64 { snapshot.generation }

    /// The file whose atomic replacement commits a change to the index in `directory`. A
    /// long-running reader (the web server) watches it: when another file stands under that
    /// name, a new `Searcher` sees the new commit, and the old one keeps its snapshot.
    public static func commitFile(inDirectory directory: String) -> String {
        FileSystem.join(directory, Manifest.fileName)
    }
}
