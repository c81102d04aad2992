/// How many characters a passage holds, as trends count them (`YearTrend.characters`):
/// code points other than white space, since line breaks and indents vary with how a report
/// was typed or scraped. Counted once at index time and stored per passage (`PassagesFile`),
/// so counting by year never reads the stored text.
enum PassageCharacters {
    /// Code points starting in UTF-8 `bytes` (a passage that begins inside a character does
    /// not count it), leaving out ASCII white space and the ideographic space U+3000
    /// (E3 80 80) that Chinese reports indent paragraphs with.
    static func count(_ bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        var index = 0
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D:
                break
            case 0xE3 where index + 2 < end && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80:
                index += 2
            default:
                // Continuation bytes (10xxxxxx) belong to the code point already counted.
                if byte & 0xC0 != 0x80 { count += 1 }
            }
            index += 1
        }
        return count
    }
}
