import Testing
@testable import Jiansuo

/// A document's title is its heading, not its salutation, dateline or a line the source wrapped.
@Suite struct DocumentTitleTests {
    static func title(_ text: String, path: String = "reports/2019年政府工作报告.txt") -> String {
        Array(text.utf8).withUnsafeBufferPointer { DocumentTitle.title(path: path, text: $0) }
    }

    @Test func theSalutationIsPassedOverAndASentenceIsNoTitle() {
        #expect(Self.title("各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议。\n") == "2019年政府工作报告")
        #expect(Self.title("同志们！\n\n第一部分\n") == "第一部分")
    }

    @Test func aWrappedTitleIsJoinedAndADatelineEndsIt() {
        #expect(Self.title("\u{200B}\n\n政府工作报\n告\n\n——2017年3月5日在第十二届全国人民代表大会第五次会议上\n") == "政府工作报告")
        #expect(Self.title("政府工作报告\n——2017年3月5日在第十二届全国人民代表大会第五次会议上\n\n各位代表：\n") == "政府工作报告")
        #expect(Self.title("——2023年3月5日在第十四届全国人民代表大会第一次会议上\n\n各位代表：\n\n正文很长。\n") == "2019年政府工作报告")
    }

    @Test func aLongFirstParagraphFallsBackToTheFileName() {
        let body = String(repeating: "第十三届全国人民代表大会第二次会议听取和", count: 3) + "\n政府工作报告\n。会议充分肯定\n"
        #expect(Self.title(body, path: "a/决议.txt") == "决议")
        #expect(Self.title("# 标题\n正文第一行\n") == "标题")
    }
}
