import Foundation

package enum IndexFolders {
    /// Copies `relative` folders of the repository's Corpus (or of ../shared/corpus) to a new folder.
    package static func copy(_ sources: [URL], label: String) throws -> URL {
        let folder = TestSupport.temporaryDirectory(label)
        for source in sources {
            try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent(source.lastPathComponent))
        }
        return folder
    }

    /// Names of the files in an index directory, without the lock.
    package static func files(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0 != "write.lock" }.sorted()
    }
}
