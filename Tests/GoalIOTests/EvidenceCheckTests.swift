import Foundation
import Testing
@testable import GoalIO
@testable import OfficeXML

/// Which 佐证材料 are accepted is decided by the bytes, and a refusal says what to do in Chinese.
@Suite("佐证材料的类型检查")
struct EvidenceCheckTests {
    static func zip(_ paths: [String]) throws -> Data {
        try PackageWriter.data(parts: paths.map { ($0, Array("<x/>".utf8)) })
    }

    @Test("PDF, PNG, JPEG, .xlsx, .docx and .zip are recognised by content, whatever their case of extension")
    func accepted() throws {
        let docx = try Self.zip(["[Content_Types].xml", "word/document.xml"])
        let xlsx = try Self.zip(["[Content_Types].xml", "xl/workbook.xml"])
        let zip = try Self.zip(["照片/1.jpg", "清单.pdf"])
        let cases: [(String, Data, EvidenceCheck.Kind)] = [
            ("a.PDF", Data("%PDF-1.7\n".utf8), .pdf),
            ("b.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]), .png),
            ("c.JPG", Data([0xFF, 0xD8, 0xFF, 0xE0, 0]), .jpeg),
            ("d.docx", docx, .docx), ("e.xlsx", xlsx, .xlsx), ("f.zip", zip, .zip),
        ]
        for (name, data, kind) in cases {
            #expect(EvidenceCheck.check(data, name: name, maxBytes: 1 << 20) == .success(kind), "\(name)")
        }
    }

    @Test("programs under any name, a zip holding one, a docx without its parts, and size are refused")
    func refused() throws {
        func words(_ data: Data, _ name: String, max: Int = 1 << 20) -> String {
            if case .failure(let r) = EvidenceCheck.check(data, name: name, maxBytes: max) { return r.message }
            return "accepted"
        }
        #expect(words(Data([0x4D, 0x5A, 0, 0]), "清单.pdf").contains("可执行程序，不是.pdf 文件"))
        #expect(words(Data([0x7F, 0x45, 0x4C, 0x46]), "照片.jpg").contains("可执行程序"))
        #expect(words(Data("#!/bin/sh\nrm -rf /".utf8), "说明.pdf").contains("可执行程序"))
        #expect(words(try Self.zip(["资料/安装.exe"]), "资料.zip").contains("含有可执行文件“资料/安装.exe”"))
        // a zip that only says it is a Word document is a zip, and its name must say so
        #expect(words(try Self.zip(["word/document.xml"]), "报告.docx").contains("内容是ZIP 压缩包，与扩展名“.docx”不符"))
        #expect(words(Data("%PDF-1.4".utf8) + Data(count: 2048), "大.pdf", max: 1024).contains("超过佐证材料单个文件上限1 KB"))
        #expect(words(Data(), "空.pdf").contains("空文件"))
        #expect(words(Data("PK\u{3}\u{4}broken".utf8), "坏.zip").contains("不是可接受的佐证材料格式"))
    }
}
