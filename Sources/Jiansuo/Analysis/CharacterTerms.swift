/// The character field that makes quoted phrases exact.
///
/// ICU can segment the same characters differently in different contexts, so word
/// positions alone would miss some occurrences of a phrase. Every passage therefore also
/// indexes each character of its `Analyzer.phraseText` (folded, white space removed) as a
/// term of its own, with character positions. A quoted phrase is matched as consecutive
/// character positions, which finds exactly the passages whose phrase text contains it.
///
/// Character terms live in the same dictionary as words, marked by a leading U+0001 that no
/// word can contain (ICU never puts control characters inside a word).
enum CharacterTerms {
    static let marker: UInt8 = 0x01

    /// The dictionary key (UTF-8) of `scalar`'s character term.
    static func key(_ scalar: UInt32) -> [UInt8] {
        guard let character = Unicode.Scalar(scalar) else { return [marker] }
        return [marker] + Array(String(character).utf8)
    }
}
