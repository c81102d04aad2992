import CICU

/// ICU's charset detector and strict converters, as Swift sees them.
enum CharsetConversion {
    /// One guess of the charset detector.
    struct Candidate: Sendable, Equatable {
        /// ICU's name for the charset, such as "GB18030", "Big5", "UTF-16LE", "ISO-8859-1".
        var name: String
        /// 0–100.
        var confidence: Int
    }

    /// Why a strict conversion failed.
    enum Failure: Error {
        /// ICU has no converter of that name.
        case unknownCharset
        /// The input is illegal or unmapped in the charset at this byte offset.
        case invalidInput(byteOffset: Int)
    }

    /// The detector's candidates for `bytes`, best first.
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> [Candidate] {
        let capacity = 32
        var names = [CChar](repeating: 0, count: 32 * capacity)
        var confidences = [Int32](repeating: 0, count: capacity)
        let count = bytes.withMemoryRebound(to: CChar.self) { input in
            cicu_detect_charsets(input.baseAddress, Int32(input.count), &names, &confidences, Int32(capacity))
        }
        guard count > 0 else { return [] }
        return (0..<Int(count)).map { index in
            let name = names[32 * index..<32 * index + 32].prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            return Candidate(name: String(decoding: name, as: UTF8.self), confidence: Int(confidences[index]))
        }
    }

    static func exists(_ charset: String) -> Bool {
        cicu_charset_exists(charset) == 1
    }

    /// `bytes` converted from `charset` to UTF-8, failing on the first illegal or unmapped
    /// byte sequence rather than substituting U+FFFD.
    static func utf8(from bytes: UnsafeBufferPointer<UInt8>, charset: String) -> Result<[UInt8], Failure> {
        guard bytes.count < Int(Int32.max) / 3 - 4 else { return .failure(.invalidInput(byteOffset: Int(Int32.max) / 3)) }
        var output = [UInt8](repeating: 0, count: 3 * bytes.count + 4)
        var errorOffset: Int32 = -1
        let written = bytes.withMemoryRebound(to: CChar.self) { input in
            output.withUnsafeMutableBufferPointer { destination in
                destination.withMemoryRebound(to: CChar.self) { target in
                    cicu_convert_to_utf8(
                        charset, input.baseAddress, Int32(input.count), target.baseAddress, Int32(target.count),
                        &errorOffset)
                }
            }
        }
        guard written >= 0 else {
            return .failure(errorOffset < 0 ? .unknownCharset : .invalidInput(byteOffset: Int(errorOffset)))
        }
        output.removeLast(output.count - Int(written))
        return .success(output)
    }
}
