import Foundation
import GoalCore
import NIOCore
import TestSupport
import Testing
import VaporTesting
@testable import App

@Suite("检查接口的快速读写：与 JSONDecoder/JSONEncoder 的结果相同")
struct CheckAPIFastPathTests {
    /// Both JSON texts as sorted, compact JSON, so that key order and spacing do not matter.
    static func canonical(_ data: Data) throws -> Data {
        try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: data), options: [.sortedKeys])
    }

    static func encoderJSON(_ dto: CheckResponseDTO) throws -> Data {
        try JSONEncoder().encode(dto)
    }

    @Test("回答与 JSONEncoder 写出的 JSON 相同，含引号、换行、控制字符和中文")
    func sameAnswer() async throws {
        var t = sampleTable(name: "满意度\"引号\"\\反斜杠\n换行\t制表\u{01}<script>")
        // the 二级 is quoted in a message: the answer must escape what it holds
        t.indicators[0].level2 = "效益\\反斜杠\"引号\"\t\u{01}"
        t.indicators[1].weight = nil
        t.indicators.append(Indicator(level1: "", level2: "", name: "", type: .qualitative, value: ""))
        try await withJixiao { app in
            let res = try await app.send(.POST, SitePath.api(.check).path, json: ["tables": [t]])
            #expect(res.status == .ok)
            #expect(res.headers.contentType?.description.hasPrefix("application/json") == true)
            let expected = CheckResponseDTO(Analysis.findings([t]))
            #expect(!expected.findings.isEmpty)
            #expect(
                expected.findings.contains { $0.message.contains("\\反斜杠\"引号\"") }, "\(expected.findings.map(\.message))")
            #expect(try Self.canonical(Data(buffer: res.body)) == Self.canonical(Self.encoderJSON(expected)))
            // and Content still reads it
            let back = try res.content.decode(CheckResponseDTO.self)
            #expect(back.findings.map(\.message) == expected.findings.map(\.message))
        }
    }

    @Test("带 importNotes 的请求、很大的请求也得到同样的检查结果")
    func otherPaths() async throws {
        let t = sampleTable(name: "满意度")
        try await withJixiao { app in
            let note = ImportNote(
                .repaired, "第2行的指标值移到了“指标值”列", at: SourceLocation(line: 5, table: 0, indicator: 1, field: .value))
            struct WithNotes: Encodable { var tables: [GoalTable]; var importNotes: [ImportNote] }
            let res = try await app.send(.POST, SitePath.api(.check).path, json: WithNotes(tables: [t], importNotes: [note]))
            #expect(res.status == .ok)
            let body = try res.content.decode(CheckResponseDTO.self)
            #expect(body.findings.map(\.code) == Analysis.findings([t], importNotes: [note]).map(\.code))
            #expect(body.findings.contains { $0.message.contains("移到了") && $0.importCode == "other" })
            // a note with a code, as /api/v1/convert returns it: the finding carries the code
            let coded = ImportNote(
                .unitInName(line: 5, unit: "人次"), at: SourceLocation(line: 5, table: 0, indicator: 1, field: .unit))
            let again = try await app.send(.POST, SitePath.api(.check).path, json: WithNotes(tables: [t], importNotes: [coded]))
            let repaired = try again.content.decode(CheckResponseDTO.self).findings.filter { $0.code == "I01" }
            #expect(repaired.count == 1 && repaired[0].importCode == "unit-in-name")

            // over the inline limit: checked on the thread pool, same answer
            let many = Array(repeating: t, count: 200)
            let big = try await app.send(.POST, SitePath.api(.check).path, json: ["tables": many])
            #expect(big.status == .ok)
            #expect(try JSONEncoder().encode(["tables": many]).count > ToolsAPIController.inlineBodyBytes)
            #expect(try big.content.decode(CheckResponseDTO.self).findings.count == Analysis.findings(many).count)
        }
    }

    @Test("检查和评分接口：错误的 JSON 仍返回 400 和带路径的中文说明")
    func badInputStillNamed() async throws {
        try await withJixiao { app in
            for path in [SitePath.api(.check).path, SitePath.api(.score).path] {
                let wrongType = try await app.send(
                    .POST, path, raw: #"{"tables": [{"kind": "project", "indicators": [{"weight": "五"}]}]}"#)
                #expect(wrongType.status == .badRequest)
                #expect(wrongType.reason.contains("tables[0].indicators[0].weight"), "\(wrongType.reason)")
                let cut = try await app.send(.POST, path, raw: #"{"tables": [{"kind": "#)
                #expect(cut.status == .badRequest)
                #expect(cut.reason.contains("不是有效的 JSON"))
                let empty = try await app.send(.POST, path, raw: "")
                #expect(empty.status == .badRequest)
                #expect(empty.reason.contains("请求正文为空"))
            }
        }
    }
}
