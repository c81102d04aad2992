/// One consistent view of an index: the segments of one manifest, opened together.
/// Later commits do not change what a snapshot sees.
final class IndexSnapshot: Sendable {
    let directory: String
    let generation: UInt64
    let segments: [SegmentReader]
    let passageCount: Int
    let documentCount: Int
    let tokenCount: UInt64

    init(directory: String) throws(JiansuoError) {
        // A commit may remove the files of the manifest just read; read it again then.
        var attempt = 0
        while true {
            guard let manifest = try Manifest.read(in: directory) else {
                throw .missingIndex(directory: directory)
            }
            do {
                self.segments = try manifest.segments.map { info throws(JiansuoError) in
                    let reader = try SegmentReader(directory: directory, name: info.name)
                    guard reader.passageCount == info.passageCount, reader.documentCount == info.documentCount else {
                        throw JiansuoError.corruptIndex(
                            file: FileSystem.join(directory, Manifest.fileName),
                            reason: "segment \(info.name) holds other counts than the manifest lists")
                    }
                    return reader
                }
                self.generation = manifest.generation
                self.tokenCount = manifest.segments.reduce(0) { $0 + $1.tokenCount }
                break
            } catch {
                attempt += 1
                let manifestChanged = (try? Manifest.read(in: directory))?.generation != manifest.generation
                guard attempt < 5, manifestChanged else { throw error }
            }
        }
        self.directory = directory
        self.passageCount = segments.reduce(0) { $0 + $1.passageCount }
        self.documentCount = segments.reduce(0) { $0 + $1.documentCount }
    }
}
