/// Lines of web-page debris that must not rank: toolbars (`下载 打印 全屏 收藏`), login
/// prompts (`账号+密码登录`), share buttons, and licence footers scraped with a report.
///
/// The passage splitter treats a line that matches as a blank line, so it never forms or
/// joins a passage, while the stored text — and every offset into it — stays exactly as
/// read. Three kinds of pattern, each compared with a line trimmed of white space:
/// - `line`: the whole line, e.g. `打印`;
/// - `prefix`: the line's start, e.g. `责任编辑：` (only lines of at most
///   `maximumPrefixLineBytes`, so a real paragraph that happens to start so is kept);
/// - `footer`: a line starting so, and everything after it, when it stands in the last
///   quarter of the document — the Wikisource licence (`本作品是中华人民共和国的`) and the
///   related-links tails of news pages.
///
/// A list, not detection of lines repeated across documents: repetition depends on what
/// else is in the index (a lone report would keep its toolbar), and the debris of these
/// archives comes from a handful of sites whose lines can be written down.
public struct Boilerplate: Sendable, Equatable {
    public var lines: Set<String>
    public var prefixes: [String]
    public var footers: [String]

    /// Longest line (in UTF-8 bytes) a `prefix` pattern removes.
    public static let maximumPrefixLineBytes = 90

    public init(lines: Set<String> = [], prefixes: [String] = [], footers: [String] = []) {
        self.lines = lines
        self.prefixes = prefixes
        self.footers = footers
        self.lineBytes = Set(lines.map { Array($0.utf8) })
        self.prefixBytes = prefixes.map { Array($0.utf8) }
        self.footerBytes = footers.map { Array($0.utf8) }
        self.longestLine = lines.map(\.utf8.count).max() ?? 0
    }

    private let lineBytes: Set<[UInt8]>
    private let prefixBytes: [[UInt8]]
    private let footerBytes: [[UInt8]]
    private let longestLine: Int

    public static func == (lhs: Boilerplate, rhs: Boilerplate) -> Bool {
        lhs.lines == rhs.lines && lhs.prefixes == rhs.prefixes && lhs.footers == rhs.footers
    }

    /// Keeps every line.
    public static let none = Boilerplate()

    /// The debris found in ../shared/corpus (provincial-2026, dazu-npc, the Wikisource reports).
    public static let standard = Boilerplate(
        lines: [
            // Page toolbars and font-size switches.
            "下载", "打印", "全屏", "收藏", "【字号：", "【字体：", "加大", "还原", "减小", "【", "】", "|", "×",
            "打印本页", "关闭窗口", "【打印本页】", "【关闭窗口】", "分享：", "分享到:", "分享到：", "分享到微信",
            "扫一扫在手机打开当前页", "当前位置：", "首页", ">", "发表时间：", "阅读量：", "来源：", "来源:",
            "责任编辑：",
            // Login prompts.
            "账号+密码登录", "手机+密码登录", "还没有账号?", "还没有账号？", "立即注册",
            // The English tail of Wikisource pages.
            "Public domain", "false",
        ],
        prefixes: ["您的位置", "当前位置：首页", "责任编辑：", "编辑：", "相关报道：", "相关文档："],
        footers: ["本作品是中华人民共和国的", "本作品来自", "相关附件>>", "相关链接>>"]
    )

    /// Patterns read from a file: one per line, `line: TEXT`, `prefix: TEXT` or
    /// `footer: TEXT`; blank lines and lines starting with `#` are ignored.
    public static func parse(_ text: String, file: String) throws(JiansuoError) -> Boilerplate {
        var lines: Set<String> = [], prefixes: [String] = [], footers: [String] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let entry = raw.trimmingCharacters(in: " \t\r")
            if entry.isEmpty || entry.hasPrefix("#") { continue }
            guard let colon = entry.firstIndex(of: ":") else {
                throw .invalidArgument("\(file) line \(number + 1): expected 'line: TEXT', 'prefix: TEXT' or 'footer: TEXT'")
            }
            let kind = entry[..<colon].trimmingCharacters(in: " \t")
            let value = entry[entry.index(after: colon)...].trimmingCharacters(in: " \t")
            guard !value.isEmpty else { throw .invalidArgument("\(file) line \(number + 1): empty pattern") }
            switch kind {
            case "line": lines.insert(value)
            case "prefix": prefixes.append(value)
            case "footer": footers.append(value)
            default: throw .invalidArgument("\(file) line \(number + 1): unknown kind '\(kind)' (line, prefix or footer)")
            }
        }
        return Boilerplate(lines: lines, prefixes: prefixes, footers: footers)
    }

    /// Both lists together.
    public func adding(_ other: Boilerplate) -> Boilerplate {
        Boilerplate(lines: lines.union(other.lines), prefixes: prefixes + other.prefixes, footers: footers + other.footers)
    }

    /// Whether the (trimmed) line `range` of `text` is debris.
    func matches(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = range.count
        guard count > 0 else { return false }
        let line = UnsafeBufferPointer(rebasing: text[range])
        if count <= longestLine && lineBytes.contains(Array(line)) { return true }
        guard count <= Self.maximumPrefixLineBytes else { return false }
        return prefixBytes.contains { line.starts(with: $0) }
    }

    /// Where the footer begins: the start of the first line in the last quarter of `text`
    /// that starts with a `footer` pattern; `text.count` when there is none.
    func footerStart(in text: UnsafeBufferPointer<UInt8>) -> Int {
        guard !footerBytes.isEmpty else { return text.count }
        var lineStart = text.count - text.count / 4
        while lineStart > 0 && text[lineStart - 1] != 0x0A { lineStart -= 1 }
        while lineStart < text.count {
            var lineEnd = lineStart
            while lineEnd < text.count && text[lineEnd] != 0x0A { lineEnd += 1 }
            let line = TextScan.trimmed(lineStart..<lineEnd, in: text)
            let bytes = UnsafeBufferPointer(rebasing: text[line])
            if footerBytes.contains(where: { bytes.starts(with: $0) }) { return lineStart }
            lineStart = lineEnd + 1
        }
        return text.count
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        guard let first = firstIndex(where: { !characters.contains($0) }),
            let last = lastIndex(where: { !characters.contains($0) })
        else { return "" }
        return String(self[first...last])
    }
}
