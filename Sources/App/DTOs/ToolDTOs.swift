import Foundation
import GoalCheck
import GoalCore
import GoalScoring
import Vapor

/// `POST /api/v1/convert` as JSON: `{"text": "…", "name": "表.txt"}`; any other body (plain text,
/// an interchange document) is read as it is.
struct ConvertRequestDTO: Decodable {
    var text: String?
    var name: String?
}

/// One repair or problem of an import, with its place in words (`第1张表 第3行指标（源文件第12行）`).
struct NoteDTO: Content, Sendable {
    var kind: String
    var kindLabel: String
    /// The note's stable code (`level1-inferred`, `ImportNote.Code`): programs match this, not the message.
    var code: String
    var message: String
    var place: String
    var location: SourceLocation
    /// The id of the indicator the note is about, when the tables it came with carry ids.
    var indicatorId: String?

    init(_ n: ImportNote, tables: [GoalTable] = []) {
        if let t = n.location.table, let i = n.location.indicator, t < tables.count, i < tables[t].indicators.count {
            indicatorId = tables[t].indicators[i].id
        }
        kind = n.kind.rawValue
        switch n.kind {
        case .repaired: kindLabel = "已修复"
        case .unreadable: kindLabel = "无法读取"
        case .skipped: kindLabel = "已跳过"
        }
        code = n.rawCode
        message = n.message
        place = n.location.description
        location = n.location
    }
}

struct ConvertResponseDTO: Content, Sendable {
    var format: String = GoalDocument.currentFormat
    var tables: [GoalTable]
    var notes: [NoteDTO]
}

/// `POST /api/v1/check` and `POST /api/v1/score`: interchange tables, optionally the import notes.
struct TablesRequestDTO: Decodable {
    var tables: [GoalTable]
    var importNotes: [ImportNote]?
}

extension TablesRequestDTO {
    /// The body read by GoalCore's `InterchangeReader` in place; a body it declines (malformed, a wrong
    /// type, or carrying `importNotes`) goes through `JSONDecoder`, whose errors name the JSON path.
    static func decode(_ req: Request, what: String) throws -> TablesRequestDTO {
        if let top = req.body.data?.withUnsafeReadableBytes({ InterchangeReader.readTop($0) }), let tables = top.tables,
            !top.otherKeys.contains("importNotes")
        {
            return TablesRequestDTO(tables: tables, importNotes: nil)
        }
        return try req.decodeJSON(TablesRequestDTO.self, what: what)
    }
}

struct CheckResponseDTO: Content, Sendable {
    var errors: Int
    var warnings: Int
    var hints: Int
    /// In the one shape the command line writes too.
    var findings: [FindingJSON]

    init(_ findings: [Finding]) {
        errors = findings.count { $0.severity == .error }
        warnings = findings.count { $0.severity == .warning }
        hints = findings.count { $0.severity == .hint }
        self.findings = findings.map(FindingJSON.init)
    }

    /// The same JSON `Content` would write, through `JSONBytes` (the editor asks for it on every pause in typing).
    func response() -> Response {
        var w = JSONBytes(capacity: 256 + findings.count * 320)
        w.beginObject()
        w.key("errors"); w.int(errors)
        w.key("warnings"); w.int(warnings)
        w.key("hints"); w.int(hints)
        w.key("findings"); w.beginArray()
        for f in findings {
            w.beginObject()
            w.key("table"); w.int(f.table)
            w.nullable("indicator", f.indicator)
            w.nullable("indicatorId", f.indicatorId)
            w.nullable("field", f.field)
            w.nullable("fieldLabel", f.fieldLabel)
            w.key("severity"); w.string(f.severity)
            w.key("severityLabel"); w.string(f.severityLabel)
            w.key("code"); w.string(f.code)
            w.nullable("importCode", f.importCode)
            w.key("message"); w.string(f.message)
            w.nullable("suggestion", f.suggestion)
            w.key("rule"); w.string(f.rule)
            w.key("profile"); w.string(f.profile)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(buffer: w.buffer))
    }
}

struct IndicatorScoreDTO: Content, Sendable {
    var index: Int
    var name: String
    /// nil: 不适用, dropped from total and max.
    var score: Double?
    var weight: Double?
    var explanation: String
    var flags: [String]
    /// Points were lost, so 偏差原因分析及改进措施 must be written (the 自评 page marks the field required).
    var deviationRequired: Bool
    /// Lost, and 偏差原因 still empty: the self-evaluation cannot be submitted yet.
    var deviationMissing: Bool

    init(_ s: IndicatorScore) {
        index = s.index; name = s.name; score = s.score; weight = s.weight; explanation = s.explanation
        flags = s.flags.map(\.message)
        deviationRequired = s.deviationRequired
        deviationMissing = s.flags.contains { $0.kind == .deviationMissing }
    }
}

struct ExecutionScoreDTO: Content, Sendable {
    var score: Double
    var weight: Double
    var rate: Double?
    var explanation: String
}

struct TableScoreDTO: Content, Sendable {
    var table: Int
    var indicators: [IndicatorScoreDTO]
    var execution: ExecutionScoreDTO?
    var total: Double
    var max: Double
    var percent: Double
    var grade: String
    var capped: Bool
    var hasScores: Bool
    /// "总分 67.83 / 84（80.75%），良"
    var summary: String
    /// Every flag of the table: the rows', then the table's.
    var flags: [String]
    /// What would lift the table to the next grade, in lines of Chinese (`WhatIfReport.lines`); empty
    /// while nothing is scored.
    var whatIf: [String]

    init(_ s: TableScore, whatIf: WhatIfReport? = nil) {
        table = s.table
        indicators = s.indicators.map(IndicatorScoreDTO.init)
        execution = s.execution.map {
            ExecutionScoreDTO(score: $0.score, weight: $0.weight, rate: $0.rate, explanation: $0.explanation)
        }
        total = s.total; max = s.max; percent = s.percent; grade = s.hasScores ? s.grade.rawValue : "未评分";
        capped = s.appliedCap != nil
        // nothing entered is not a grade: an empty 自评 is 未评分, not 差
        hasScores = s.hasScores; summary = s.hasScores ? s.summary : "未评分：填写实际完成值后计算得分和等级"
        flags = s.flags.map(\.message)
        // the lines without the indentation the terminal report gives them
        self.whatIf = s.hasScores ? (whatIf?.lines ?? []).map { $0.trimmingCharacters(in: .whitespaces) } : []
    }
}

struct ScoreResponseDTO: Content, Sendable {
    var tables: [TableScoreDTO]
}

struct DeletedDTO: Content, Sendable {
    var deleted: Bool
    var id: UUID
    /// The version deleted; `restore` names it.
    var version: Int
    /// POST here to undo, within `restoreMinutes`.
    var restore: String
    var restoreMinutes: Int
}
