/// Renders a passage on one line for the terminal: each run of line breaks inside it becomes
/// one space — or nothing before closing punctuation, where scraped reports break lines
/// mid-sentence (`…报告\n。`) — and highlights are coloured when asked.
enum PassageDisplay {
    static func render(_ text: String, highlights: [Range<Int>], colored: Bool) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + highlights.count * 12)
        var pendingBreak = false
        var highlightIndex = 0
        var index = 0
        while index < bytes.count {
            if colored, highlightIndex < highlights.count {
                if highlights[highlightIndex].lowerBound == index {
                    output += Array(Terminal.highlightOn.utf8)
                } else if highlights[highlightIndex].upperBound == index {
                    output += Array(Terminal.reset.utf8)
                    highlightIndex += 1
                    continue
                }
            }
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                pendingBreak = true
                index += 1
                continue
            }
            if pendingBreak {
                if !startsWithClosingPunctuation(bytes, at: index) { output.append(0x20) }
                pendingBreak = false
            }
            output.append(byte)
            index += 1
        }
        if colored, highlightIndex < highlights.count { output += Array(Terminal.reset.utf8) }
        return String(decoding: output, as: UTF8.self)
    }

    private static let closingPunctuation: Set<String> = ["。", "，", "、", "；", "：", "！", "？", "）", "》", "」", "』", "”"]

    private static func startsWithClosingPunctuation(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index + 3 <= bytes.count else { return false }
        return closingPunctuation.contains(String(decoding: bytes[index..<index + 3], as: UTF8.self))
    }
}
