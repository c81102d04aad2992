import CSystemZstd

/// A block compressed alone with the system zstd (libzstd-dev): how the stored text is
/// kept (`TextFile`), so a snippet decompresses one block rather than a file.
enum Zstd {
    /// On the generated 1 GB corpus 0.437× the text at 64 KiB blocks (level 3, zstd's
    /// default: 0.452×), at about 85 MB/s a core, which leaves indexing bound by analysis
    /// and keeps the index folder under 1.5× its input with block impacts in the postings
    /// (docs/BENCHMARKS.md).
    static let level: Int32 = 5

    /// `bytes` as one zstd frame.
    static func compress(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        let bound = ZSTD_compressBound(bytes.count)
        var output = [UInt8](repeating: 0, count: bound)
        let written = output.withUnsafeMutableBytes { out in
            ZSTD_compress(out.baseAddress, bound, bytes.baseAddress, bytes.count, level)
        }
        // Into a buffer of `ZSTD_compressBound` bytes compression cannot fail (zstd.h).
        precondition(ZSTD_isError(written) == 0, "zstd: \(String(cString: ZSTD_getErrorName(written)))")
        output.removeSubrange(written...)
        return output
    }

    /// Decompresses the frame `source`, which must fill `destination` exactly; what went wrong
    /// otherwise (a damaged frame or one of another length).
    static func decompress(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer) -> String? {
        let written = ZSTD_decompress(destination.baseAddress, destination.count, source.baseAddress, source.count)
        if ZSTD_isError(written) != 0 { return String(cString: ZSTD_getErrorName(written)) }
        return written == destination.count ? nil : "it holds \(written) bytes, not \(destination.count)"
    }
}
