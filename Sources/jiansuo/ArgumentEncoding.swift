import Jiansuo

/// Command-line arguments must be UTF-8: Swift would silently replace invalid bytes with
/// U+FFFD, and a query would then search for something the user never typed.
enum ArgumentEncoding {
    /// A message naming the first argument that is not valid UTF-8 and its first bad byte,
    /// or `nil` when every argument is valid.
    static func firstProblem(in arguments: [[UInt8]]) -> String? {
        for (index, bytes) in arguments.enumerated() {
            guard let offset = bytes.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset(in: $0) }) else { continue }
            let shown = String(decoding: bytes[..<offset], as: UTF8.self)
                + "\\x" + String(bytes[offset], radix: 16, uppercase: true)
                + String(decoding: bytes[(offset + 1)...], as: UTF8.self)
            return "argument \(index + 1) (\(shown)) is not valid UTF-8: byte \(offset + 1) of it, "
                + "0x\(String(bytes[offset], radix: 16, uppercase: true)), begins no character"
        }
        return nil
    }

    /// The process's arguments after the program name, as bytes.
    static var rawArguments: [[UInt8]] {
        (1..<Int(CommandLine.argc)).map { index in
            guard let argument = CommandLine.unsafeArgv[index] else { return [] }
            var bytes: [UInt8] = []
            var pointer = argument
            while pointer.pointee != 0 {
                bytes.append(UInt8(bitPattern: pointer.pointee))
                pointer += 1
            }
            return bytes
        }
    }
}
