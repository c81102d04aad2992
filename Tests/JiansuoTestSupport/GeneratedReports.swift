import Foundation

/// Reports written at test time, so the tests over a corpus run where ../shared is absent:
/// government-report prose built from the vocabulary such reports use — headings, long
/// paragraphs of clauses joined by Chinese punctuation, dates, figures in ASCII and
/// full-width digits, a few traditional characters — in year folders, deterministic.
package enum GeneratedReports {
    package static let subjects = [
        "人大代表", "代表建议", "人民代表大会", "常委会", "政府", "各级政府", "人民群众", "市场主体", "基层组织",
        "政协委员", "审计机关", "乡村振兴", "生态环境", "营商环境", "科技创新", "社会保障", "义务教育", "医疗卫生",
    ]
    package static let verbs = [
        "推进", "加强", "深化", "落实", "完善", "坚持", "健全", "提高", "促进", "办理", "审议", "监督", "支持", "保障",
    ]
    package static let objects = [
        "高质量发展", "改革开放", "依法治国", "民生福祉", "代表工作", "建议办理", "经济发展", "产业升级", "城乡融合",
        "区域协调", "绿色发展", "公共服务", "就业创业", "安全生产", "法治建设", "會議制度", "經濟建設", "十四五规划",
        "社会主义现代化", "五年计划", "税收制度", "5G网络", "国内生产总值", "代表建议和意见",
    ]
    package static let connectives = ["，", "，", "，", "；", "、"]
    package static let headings = ["一、过去一年的工作", "二、今年的主要任务", "三、加强自身建设", "（一）", "（二）", "附件"]

    /// A folder of `count` reports across 2015–2024, and one of 1954 in traditional
    /// characters, made once per process.
    package static let folder: URL = write(count: 60, seed: 2024)

    package static let report1954 = """
        一九五四年政府工作報告

        各位代表：這次會議是第一屆全國人民代表大會第一次會議。會議將審議政府工作報告，經濟建設取得了巨大的成就。

        我們要繼續努力，完成第一個五年計劃，建設社會主義現代化國家。
        """

    package static func write(count: Int, seed: UInt64) -> URL {
        let folder = TestSupport.temporaryDirectory("generated-reports")
        var generator = SeededGenerator(state: seed)
        for number in 0..<count {
            let year = 2015 + number % 10
            let directory = folder.appendingPathComponent(String(year))
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let text = report(year: year, using: &generator)
            try? text.write(to: directory.appendingPathComponent("报告\(number).txt"), atomically: true, encoding: .utf8)
        }
        let old = folder.appendingPathComponent("1954")
        try? FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
        try? report1954.write(to: old.appendingPathComponent("政府工作報告.txt"), atomically: true, encoding: .utf8)
        return folder
    }

    package static func report(year: Int, using generator: inout SeededGenerator) -> String {
        var lines = ["\(year)年政府工作报告", "——\(year)年1月\(Int.random(in: 5...28, using: &generator))日", ""]
        for _ in 0..<Int.random(in: 4...9, using: &generator) {
            if Bool.random(using: &generator) { lines.append(headings.randomElement(using: &generator)!) }
            lines.append(paragraph(year: year, using: &generator))
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    package static func paragraph(year: Int, using generator: inout SeededGenerator) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...5, using: &generator) {
            for clause in 0..<Int.random(in: 1...4, using: &generator) {
                if clause > 0 { text += connectives.randomElement(using: &generator)! }
                text += subjects.randomElement(using: &generator)!
                text += verbs.randomElement(using: &generator)!
                text += objects.randomElement(using: &generator)!
                switch Int.random(in: 0..<6, using: &generator) {
                case 0: text += "，增长\(Int.random(in: 1...12, using: &generator)).\(Int.random(in: 0...9, using: &generator))%"
                case 1: text += "，比\(year - 1)年提高\(Int.random(in: 2...30, using: &generator))个百分点"
                case 2: text += "，办结率达到\(fullWidth(Int.random(in: 90...100, using: &generator)))％"
                case 3: text += "，与\(fullWidth(1995))年相比翻了一番"
                default: break
                }
            }
            text += "。"
        }
        return text
    }

    package static func fullWidth(_ number: Int) -> String {
        String(String(number).unicodeScalars.map { Character(Unicode.Scalar($0.value - 0x30 + 0xFF10)!) })
    }
}
