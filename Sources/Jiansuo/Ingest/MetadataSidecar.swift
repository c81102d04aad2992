/// What the keeper of an archive wrote down about its files, in `metadata.csv` or
/// `metadata.tsv` at the top of the indexed folder: for archives whose file names say
/// nothing (`scan0042.txt`), the year and title people expect.
///
/// The first row names the columns, in any order, any subset of: `path` (required:
/// relative to the folder), `year`, `title`, `source` (Chinese headers 路径, 年份, 标题,
/// 来源 work too). Fields may be quoted as in RFC 4180 (`"a, b"`, `""` for a quote,
/// line breaks inside quotes). An empty field leaves that fact to detection. The file
/// may be in any encoding `TextDecoder` reads — spreadsheets in China save GBK.
struct MetadataSidecar: Sendable {
    struct Entry: Sendable, Equatable {
        var year: Int?
        var title: String?
        var source: String?
    }

    static let fileNames = ["metadata.csv", "metadata.tsv"]

    /// By path relative to the folder, as `normalized` writes it.
    private(set) var entries: [String: Entry] = [:]
    /// Rows or fields that could not be used, with the reason, for the user to see.
    private(set) var problems: [String] = []

    /// The sidecars in `folder`, merged (`.tsv` rows override `.csv` rows for the same
    /// file); `nil` when there are none.
    static func load(folder: String) throws(JiansuoError) -> MetadataSidecar? {
        var sidecar: MetadataSidecar?
        for name in fileNames {
            let path = FileSystem.join(folder, name)
            guard FileSystem.exists(path) else { continue }
            let decoded = try TextDecoder.decode(try FileSystem.readFile(path), path: path)
            let part = parse(String(decoding: decoded.utf8, as: UTF8.self), separator: name.hasSuffix(".tsv") ? "\t" : ",", file: path)
            sidecar = sidecar.map { merged($0, part) } ?? part
        }
        return sidecar
    }

    private static func merged(_ first: MetadataSidecar, _ second: MetadataSidecar) -> MetadataSidecar {
        var result = first
        result.entries.merge(second.entries) { _, new in new }
        result.problems += second.problems
        return result
    }

    /// The entry for a file at `relativePath` under the folder.
    func entry(for relativePath: String) -> Entry? {
        entries[Self.normalized(relativePath)]
    }

    /// All paths the sidecar names.
    var paths: Set<String> { Set(entries.keys) }

    /// `./a\b.txt` and `a/b.txt` name the same file.
    static func normalized(_ path: String) -> String {
        var result = path.trimmingWhitespace().replacingBackslashes()
        while result.hasPrefix("./") { result.removeFirst(2) }
        return result
    }

    private static let columnNames: [String: String] = [
        "path": "path", "file": "path", "filename": "path", "路径": "path", "文件": "path", "文件名": "path",
        "year": "year", "年份": "year", "年": "year",
        "title": "title", "标题": "title", "题名": "title",
        "source": "source", "来源": "source", "出处": "source",
    ]

    static func parse(_ text: String, separator: Character, file: String) -> MetadataSidecar {
        var sidecar = MetadataSidecar()
        let rows = records(text, separator: separator)
        guard let header = rows.first else { return sidecar }
        let columns = header.fields.map { columnNames[$0.trimmingWhitespace().lowercased()] }
        guard let pathColumn = columns.firstIndex(of: "path") else {
            sidecar.problems.append("\(file): the first row names no path column (expected path, year, title, source); file ignored")
            return sidecar
        }
        for row in rows.dropFirst() {
            guard pathColumn < row.fields.count else {
                if row.fields.contains(where: { !$0.trimmingWhitespace().isEmpty }) {
                    sidecar.problems.append("\(file) line \(row.line): no path; row ignored")
                }
                continue
            }
            let path = normalized(row.fields[pathColumn])
            guard !path.isEmpty else { continue }
            var entry = Entry()
            for (index, field) in row.fields.enumerated() where index < columns.count {
                let value = field.trimmingWhitespace()
                guard !value.isEmpty else { continue }
                switch columns[index] {
                case "year":
                    let digits = value.hasSuffix("年") ? String(value.dropLast()) : value
                    if let year = Int(digits), (1...9999).contains(year) {
                        entry.year = year
                    } else {
                        sidecar.problems.append("\(file) line \(row.line): '\(value)' is not a year; detected instead")
                    }
                case "title": entry.title = value
                case "source": entry.source = value
                default: break
                }
            }
            sidecar.entries[path] = entry
        }
        return sidecar
    }

    struct Record {
        var line: Int
        var fields: [String]
    }

    /// RFC 4180 records: quoted fields may hold separators, doubled quotes and line breaks.
    static func records(_ text: String, separator: Character) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var fieldWasQuoted = false
        var line = 1
        var recordLine = 1
        var characters = text.makeIterator()
        var pending: Character? = nil
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
            field = ""
            fieldWasQuoted = false
        }
        while let character = pending ?? characters.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { field.append("\"") } else { inQuotes = false; pending = next }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
            } else if character == "\"" && field.isEmpty && !fieldWasQuoted {
                inQuotes = true
                fieldWasQuoted = true
            } else if character == separator {
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            } else if character == "\n" || character == "\r\n" || character == "\r" {
                endRecord()
                line += 1
                recordLine = line
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace && $0 != "\u{FEFF}" }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    fileprivate func replacingBackslashes() -> String {
        String(map { $0 == "\\" ? "/" : $0 })
    }
}
