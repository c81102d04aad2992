/// The character field that makes quoted phrases exact.
///
/// ICU can segment the same characters differently in different contexts, so word
/// positions alone would miss some occurrences of a phrase. Every passage therefore also
/// indexes its `Analyzer.phraseText` (folded, white space removed) as character terms of
/// two kinds:
///
/// - **pairs**: each two consecutive characters, with the position of the first (counted
///   in characters). A quoted phrase of n ≥ 2 characters is matched as ⌈n / 2⌉ pairs
///   standing at the right distances (`phraseKeys`): lists far shorter than those of its
///   single characters, which common characters make long — what makes phrases and typed
///   runs fast;
/// - **single characters**, without positions: what a one-character phrase matches, and
///   what scores a query's characters. Nothing needs where a lone character stands — its
///   highlights come from analyzing the passage again — so its positions are not stored.
///
/// Both live in the same dictionary as words, marked by a leading U+0001 (a character) or
/// U+0002 (a pair), which no word can contain (ICU never puts control characters inside a
/// word).
enum CharacterTerms {
    /// Starts a single character's key.
    static let marker: UInt8 = 0x01
    /// Starts a pair's key.
    static let pairMarker: UInt8 = 0x02

    /// The dictionary key (UTF-8) of `scalar`'s character term.
    static func key(_ scalar: UInt32) -> [UInt8] {
        [marker] + utf8(scalar)
    }

    /// The dictionary key (UTF-8) of the pair `first` `second`.
    static func pairKey(_ first: UInt32, _ second: UInt32) -> [UInt8] {
        [pairMarker] + utf8(first) + utf8(second)
    }

    /// A key no character term reaches and every word's key follows: character terms'
    /// marker bytes sort before any byte a word starts with.
    static let wordsStart: [UInt8] = [pairMarker + 1]

    /// Whether the postings of the term whose key starts with `first` (a UTF-8 byte or
    /// UTF-16 unit) hold positions: every term's but a single character's.
    static func hasPositions<Unit: FixedWidthInteger>(first: Unit?) -> Bool {
        first != Unit(marker)
    }

    /// Whether the term whose key starts with `first` counts characters rather than words
    /// (a character or a pair): no part of a passage's length.
    static func isCharacterTerm(first: UInt8?) -> Bool {
        first == marker || first == pairMarker
    }

    /// The keys a phrase of `characters` is matched on, each with its offset in characters
    /// from the phrase's start: the lone character's key for one, else pairs at offsets
    /// 0, 2, 4, … and, for an odd length, the last pair (overlapping the one before), so
    /// every character is covered by as few lists as possible.
    static func phraseKeys(_ characters: [UInt32]) -> [(key: [UInt8], offset: Int)] {
        guard characters.count > 1 else { return characters.map { (key($0), 0) } }
        var offsets = Array(stride(from: 0, to: characters.count - 1, by: 2))
        if characters.count % 2 == 1 { offsets.append(characters.count - 2) }
        return offsets.map { (pairKey(characters[$0], characters[$0 + 1]), $0) }
    }

    private static func utf8(_ scalar: UInt32) -> [UInt8] {
        guard let character = Unicode.Scalar(scalar) else { return [] }
        return Array(String(character).utf8)
    }
}
