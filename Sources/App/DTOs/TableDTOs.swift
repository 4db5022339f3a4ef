import Foundation
import GoalCore
import GoalScoring
import GoalWorkflow
import Vapor

extension TableKind {
    /// Short name for lists: 部门整体 / 项目支出 / 省级整体.
    var shortLabel: String {
        switch self {
        case .department: return "部门整体"
        case .project: return "项目支出"
        case .provincial: return "省级整体"
        }
    }
}

/// One row of the table list (`GET /api/v1/tables`, 首页).
struct TableSummaryDTO: Content, Sendable {
    var id: UUID
    var unit: String
    var year: Int?
    var kind: String
    var kindLabel: String
    var title: String
    var name: String
    var status: String
    var statusLabel: String
    var evaluationStatus: String
    var evaluationStatusLabel: String
    /// The approved table this one adjusts (调整), if it is an adjustment.
    var adjusts: UUID?
    /// The reviewer's comment from the last 退回.
    var returnComment: String?
    /// An adjustment's 调整理由, once it has been submitted.
    var adjustmentReason: String? = nil
    /// The approved table of the year before this draft was carried from (结转到下一年), if it was.
    var carriedFrom: UUID? = nil
    var organisationID: UUID?
    /// 预算单位 as the form prints it, when it is not the owning unit's name (shown as such to everyone).
    var printedUnit: String?
    var version: Int
    var errors: Int
    var warnings: Int
    var score: Double?
    var scoreMax: Double?
    var grade: String?
    var updatedAt: Date?
}

/// One stored table with its interchange JSON (`GET /api/v1/tables/:id`).
struct TableDetailDTO: Content, Sendable {
    var summary: TableSummaryDTO
    var table: GoalTable
    /// After a save: what was typed that could not be read (`TableInputDTO.typed`), left empty in `table`.
    var unread: [TypedInput.UnreadField]? = nil
}

/// The body of `POST /api/v1/tables` and `PUT /api/v1/tables/:id`. `version` is required for PUT:
/// the version the client last read.
struct TableInputDTO: Content, Sendable {
    var table: GoalTable
    var status: String?
    var version: Int?
    /// Text typed into number fields that is not a plain number, by the field's path (`year`, `funds.total`,
    /// `indicators.2.weight`): read where the meaning is sure (`二〇二六`, `五十万`), named in `unread` otherwise.
    var typed: [String: String]? = nil
}

/// 409: the table changed since the client read it.
struct ConflictDTO: Content, Sendable {
    var error: Bool = true
    var reason: String
    var yourVersion: Int
    var currentVersion: Int
    var current: TableDetailDTO
}

/// What the API says on any error: `{"error": true, "reason": "中文说明"}`.
struct ErrorDTO: Content, Sendable {
    var error: Bool = true
    var reason: String
}

// MARK: - The one place Fluent records become DTOs

extension TableSummaryDTO {
    init(_ r: GoalTableRecord) throws {
        guard let id = r.id else { throw Abort(.internalServerError, reason: "数据库记录缺少编号") }
        self.init(
            stored: id, unit: r.unit, printedUnit: r.printedUnit, year: r.year, kind: r.kind, title: r.title,
            name: r.name, status: r.status, evaluationStatus: r.evaluationStatus, adjusts: r.adjustsID,
            returnComment: r.returnComment, adjustmentReason: r.adjustmentReason, carriedFrom: r.carriedFromID,
            organisationID: r.organisationID, version: r.version, errors: r.errorCount, warnings: r.warningCount,
            score: r.score, scoreMax: r.scoreMax, grade: r.grade, updatedAt: r.updatedAt)
    }

    /// A summary from the columns of `goal_tables` as stored: from a Fluent record (`init(_:)`) or from the
    /// plain row the show-only pages read (`TableRead`). The labels and the printed unit are worked out here
    /// once for both.
    init(
        stored id: UUID, unit: String, printedUnit: String?, year: Int?, kind: String, title: String, name: String,
        status: String, evaluationStatus: String, adjusts: UUID?, returnComment: String?, adjustmentReason: String?,
        carriedFrom: UUID?, organisationID: UUID?, version: Int, errors: Int, warnings: Int, score: Double?,
        scoreMax: Double?, grade: String?, updatedAt: Date?
    ) {
        let tableKind = TableKind(rawValue: kind)
        let status = TableStatus(stored: status)
        let evaluation = EvaluationStatus(stored: evaluationStatus)
        self.init(
            id: id, unit: unit, year: year, kind: kind, kindLabel: tableKind?.shortLabel ?? kind,
            title: title, name: name, status: status.rawValue, statusLabel: status.label,
            evaluationStatus: evaluation.rawValue, evaluationStatusLabel: evaluation.label,
            adjusts: adjusts, returnComment: returnComment, adjustmentReason: adjustmentReason,
            carriedFrom: carriedFrom, organisationID: organisationID,
            printedUnit: printedUnit.flatMap { p in
                let t = p.trimmingCharacters(in: .whitespaces)
                return t.isEmpty || t == unit ? nil : t
            },
            version: version, errors: errors, warnings: warnings,
            score: score, scoreMax: scoreMax, grade: grade, updatedAt: updatedAt)
    }
}

extension TableDetailDTO {
    init(_ r: GoalTableRecord) throws {
        try self.init(summary: TableSummaryDTO(r), document: r.document)
    }

    /// A table's summary with its stored document (interchange JSON) decoded.
    init(summary: TableSummaryDTO, document: String) throws {
        let table: GoalTable
        do {
            // every page of a table reads it: GoalCore's fast reader first, JSONDecoder for what it declines
            var bytes = document
            table =
                try bytes.withUTF8 { InterchangeReader.readTable(UnsafeRawBufferPointer($0)) }
                ?? JSONDecoder().decode(GoalTable.self, from: Data(document.utf8))
        } catch {
            throw Abort(.internalServerError, reason: "数据库中第“\(summary.id.uuidString)”号表的内容无法读取：\(error)")
        }
        self.init(summary: summary, table: table)
    }
}

extension GoalTableRecord {
    /// A table with what `fill` works out from it alone (its findings, scores and stored JSON): pure, so a
    /// large import works it out for all its tables on every core before writing any.
    struct Derived: Sendable {
        let table: GoalTable
        let summary: Analysis.Summary
        let score: TableScore
        let document: String

        init(_ table: GoalTable) {
            self.table = table
            (summary, score) = Analysis.summaryAndScore(table)
            document = StoredJSON.encode(table)
        }
    }

    /// Writes a table and everything derived from it into the record (the version is the caller's business).
    /// `owner` is the owning organisation's name, which files the table; nil for a table with no owner.
    @discardableResult
    func fill(from table: GoalTable, status: TableStatus, owner: String?) -> TableScore {
        fill(from: Derived(table), status: status, owner: owner)
    }

    /// `fill` with the table's derived values already worked out.
    @discardableResult
    func fill(from d: Derived, status: TableStatus, owner: String?) -> TableScore {
        let table = d.table, s = d.summary
        unit = owner ?? table.unit
        printedUnit = table.unit
        year = table.year
        kind = table.kind.rawValue
        title = table.title
        let project = table.project?.name.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        name = project.isEmpty ? (table.unit.isEmpty ? table.title : table.unit) : project
        self.status = status.rawValue
        document = d.document
        errorCount = s.errors
        warningCount = s.warnings
        score = s.score
        scoreMax = s.scoreMax
        grade = s.grade
        executionRate = s.executionRate
        findingCodes = s.findingCodes
        return d.score
    }

}

/// The JSON of a stored table: stable key order, Chinese unescaped. Encoding plain values cannot fail.
enum StoredJSON {
    static func encode(_ table: GoalTable) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? e.encode(table)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
