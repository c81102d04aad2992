/// Text decoded from a file's bytes, and what it was decoded from.
public struct DecodedText: Sendable {
    /// The text as valid UTF-8, without any byte-order mark: what is stored and what passage
    /// and highlight offsets refer to.
    public var utf8: [UInt8]
    /// The encoding the bytes were read as: "UTF-8", "UTF-8 with BOM", "GB18030", "Big5",
    /// "UTF-16LE", "UTF-16BE", or the name given to force one.
    public var encoding: String
}

/// Turns a file's bytes into UTF-8 text, refusing rather than guessing wrong.
///
/// The order, first match wins: an encoding forced by the user; a byte-order mark (UTF-8,
/// UTF-16LE, UTF-16BE); strict UTF-8; an encoding the document declares (HTML
/// `<meta charset>`), if the bytes decode cleanly in it; then ICU's charset detector,
/// listening only to the encodings Chinese archives are written in (GB18030 — which
/// contains GBK and GB2312 — and Big5). Each non-UTF-8 candidate must convert strictly:
/// a single illegal or unmapped sequence rejects it, so a file is never indexed as
/// mojibake. Text that decodes but holds NULs, control or private-use characters (what
/// a binary file or a wrong guess produces) is refused too.
public enum TextDecoder {
    /// Detector answers Jiansuo acts on. Others (Shift_JIS, ISO-8859-1, …) are never
    /// guessed: a wrong guess among them is how Chinese text turns into mojibake.
    static let detectable: Set<String> = ["GB18030", "Big5"]
    /// ICU gives 10 to short texts with a few valid double-byte characters and nothing
    /// better to go on; the strict conversion and the character check guard such guesses.
    static let minimumConfidence = 10
    /// The detector's statistics settle well before this many bytes; looking at more only costs.
    static let detectionBytes = 64 << 10

    /// Decodes `bytes`, the content of the file at `path` (named in errors).
    /// - Parameters:
    ///   - forced: an encoding to use instead of detecting one (any ICU name or alias).
    ///   - declared: an encoding the document names for itself, tried before detection.
    public static func decode(
        _ bytes: [UInt8], path: String, forced: String? = nil, declared: String? = nil
    ) throws(JiansuoError) -> DecodedText {
        try bytes.withUnsafeBufferPointer { buffer throws(JiansuoError) in
            try decode(buffer, path: path, forced: forced, declared: declared)
        }
    }

    static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, path: String, forced: String?, declared: String?
    ) throws(JiansuoError) -> DecodedText {
        if let forced {
            return try decodeForced(bytes, as: forced, path: path)
        }
        if let (encoding, bomLength) = byteOrderMark(bytes) {
            let body = UnsafeBufferPointer(rebasing: bytes[bomLength...])
            let text = try strictly(body, as: encoding, path: path, bomLength: bomLength)
            return try checked(DecodedText(utf8: text, encoding: encoding == "UTF-8" ? "UTF-8 with BOM" : encoding), path: path)
        }
        // Without a byte-order mark (UTF-16 has NULs in every ASCII character), a NUL byte
        // marks a binary file: say so, rather than how some encoding fails to read it.
        if let nul = bytes.firstIndex(of: 0) {
            throw .unreadableDocument(path: path, reason: "binary, not text (a NUL byte at offset \(nul))")
        }
        if UTF8Validation.firstInvalidOffset(in: bytes) == nil {
            return try checked(DecodedText(utf8: Array(bytes), encoding: "UTF-8"), path: path)
        }
        if let declared, !isUTF8(declared), CharsetConversion.exists(declared),
            case .success(let text) = CharsetConversion.utf8(from: bytes, charset: declared),
            let decoded = try? checked(DecodedText(utf8: text, encoding: declared.uppercased()), path: path)
        {
            return decoded
        }
        let sample = UnsafeBufferPointer(rebasing: bytes[0..<min(bytes.count, detectionBytes)])
        let candidates = CharsetConversion.detect(sample)
        for candidate in candidates where detectable.contains(candidate.name) && candidate.confidence >= minimumConfidence {
            guard case .success(let text) = CharsetConversion.utf8(from: bytes, charset: candidate.name),
                let decoded = try? checked(DecodedText(utf8: text, encoding: candidate.name), path: path)
            else { continue }
            return decoded
        }
        let utf8Offset = UTF8Validation.firstInvalidOffset(in: bytes) ?? 0
        var reason = "not valid UTF-8 (first bad byte at offset \(utf8Offset)), nor cleanly GB18030/GBK or Big5"
        if let best = candidates.first, !detectable.contains(best.name) {
            reason += " (ICU guesses \(best.name), which Jiansuo does not guess)"
        }
        throw .unreadableDocument(path: path, reason: reason + "; give --encoding NAME if you know its encoding")
    }

    /// Whether ICU can convert from `name`, for checking a user's `--encoding` early.
    public static func isKnownEncoding(_ name: String) -> Bool {
        isUTF8(name) || CharsetConversion.exists(name)
    }

    private static func decodeForced(
        _ bytes: UnsafeBufferPointer<UInt8>, as name: String, path: String
    ) throws(JiansuoError) -> DecodedText {
        var bomLength = 0
        // A mark that agrees with the forced encoding is dropped, as for a detected one.
        if let (encoding, length) = byteOrderMark(bytes), encoding == canonicalName(name) || (encoding.hasPrefix("UTF-16") && canonicalName(name) == "UTF-16") {
            bomLength = length
        }
        let body = UnsafeBufferPointer(rebasing: bytes[bomLength...])
        let text = try strictly(body, as: isUTF8(name) ? "UTF-8" : name, path: path, bomLength: bomLength)
        return try checked(DecodedText(utf8: text, encoding: name), path: path)
    }

    /// `bytes` as UTF-8, or an error naming the first offending byte of the file.
    private static func strictly(
        _ bytes: UnsafeBufferPointer<UInt8>, as encoding: String, path: String, bomLength: Int
    ) throws(JiansuoError) -> [UInt8] {
        if encoding == "UTF-8" {
            if let offset = UTF8Validation.firstInvalidOffset(in: bytes) {
                throw .invalidUTF8(path: path, byteOffset: offset + bomLength)
            }
            return Array(bytes)
        }
        switch CharsetConversion.utf8(from: bytes, charset: encoding) {
        case .success(let text):
            return text
        case .failure(.unknownCharset):
            throw .invalidArgument("unknown encoding '\(encoding)' (try GB18030, GBK, Big5, UTF-16LE or UTF-8)")
        case .failure(.invalidInput(let offset)):
            throw .unreadableDocument(path: path, reason: "not valid \(encoding) (first bad byte at offset \(offset + bomLength))")
        }
    }

    /// The encoding a byte-order mark announces and the mark's length.
    static func byteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, Int)? {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return ("UTF-8", 3) }
        guard bytes.count >= 2 else { return nil }
        // FF FE 00 00 is UTF-32LE's mark, which Jiansuo does not read; the strict UTF-16
        // conversion of the NULs that follow fails the character check below.
        if bytes[0] == 0xFF, bytes[1] == 0xFE { return ("UTF-16LE", 2) }
        if bytes[0] == 0xFE, bytes[1] == 0xFF { return ("UTF-16BE", 2) }
        return nil
    }

    private static func canonicalName(_ name: String) -> String {
        let folded = name.uppercased().replacingAll("_", with: "-")
        return isUTF8(name) ? "UTF-8" : folded
    }

    private static func isUTF8(_ name: String) -> Bool {
        let folded = name.lowercased().filter { $0 != "-" && $0 != "_" }
        return folded == "utf8"
    }

    /// Refuses text that no real document holds: a NUL, or more than one suspicious
    /// character (other C0/C1 controls, private use, noncharacters, U+FFFD) in 500 — the
    /// mark of a binary file or of bytes read in the wrong encoding.
    private static func checked(_ decoded: DecodedText, path: String) throws(JiansuoError) -> DecodedText {
        var scalars = 0
        var suspicious = 0
        var firstSuspicious: UInt32?
        var offset = 0
        let found: Bool = decoded.utf8.withUnsafeBufferPointer { text in
            while offset < text.count {
                let (scalar, width) = UTF8Decoding.scalar(in: text, at: offset)
                if scalar == 0 { return true }
                if isSuspicious(scalar) {
                    suspicious += 1
                    if firstSuspicious == nil { firstSuspicious = scalar }
                }
                scalars += 1
                offset += width
            }
            return false
        }
        if found {
            throw .unreadableDocument(path: path, reason: "holds NUL bytes when read as \(decoded.encoding): binary, not text")
        }
        if suspicious > 0 && suspicious * 500 > scalars {
            let code = String(firstSuspicious ?? 0, radix: 16, uppercase: true)
            throw .unreadableDocument(
                path: path,
                reason: "read as \(decoded.encoding) it holds \(suspicious) control or unassigned characters (first U+\(code)): binary or wrongly encoded")
        }
        return decoded
    }

    private static func isSuspicious(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0xE000...0xF8FF, 0xF0000...0x10FFFF: true  // private use
        case 0xFDD0...0xFDEF, 0xFFFE, 0xFFFF, 0xFFFD: true
        default: false
        }
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
