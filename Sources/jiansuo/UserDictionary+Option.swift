import Jiansuo

extension UserDictionary {
    /// The dictionary a `--dictionary FILE` option names, if given.
    static func make(contentsOfOptional path: String?) throws(JiansuoError) -> UserDictionary? {
        guard let path else { return nil }
        return try UserDictionary(contentsOf: path)
    }
}
