/// The lines of a UTF-8 text file, without their line ends (LF or CR LF); no last empty
/// line for a file that ends with a line end.
enum TextLines {
    static func read(_ path: String) throws(JiansuoError) -> [String] {
        let bytes = try FileSystem.readFile(path)
        if let offset = bytes.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset(in: $0) }) {
            throw .invalidUTF8(path: path, byteOffset: offset)
        }
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
