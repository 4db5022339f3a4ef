import CSVKit
import Fluent
import Foundation
import GoalIO
import SQLKit
import Vapor

/// The organisation tree: creating nodes, importing a tree from CSV, and listing it in tree order.
enum Organisations {
    enum Failure: Error, Sendable {
        /// Every problem of an import file, each naming its line; nothing was saved.
        case invalidCSV([String])
    }

    static func create(
        code: String?, name: String, kind: OrganisationKind, parent: OrganisationRecord?,
        on db: any Database
    ) async throws -> OrganisationRecord {
        let o = OrganisationRecord(code: code, name: name, kind: kind, parent: parent)
        try await o.create(on: db)
        return o
    }

    /// Whether a table filed at `path` (`/root/…/unit/`) goes to its unit head before review: set on the unit
    /// or on any organisation above it (a finance bureau can ask it of all its units at once).
    static func wantsHeadConfirmation(path: String, on db: any Database) async throws -> Bool {
        // plain SQL: see `TableRead` for why not Fluent
        let row = try await TablePhases.sql(db).raw("SELECT \(headConfirmation(path: SQLBind(path))) AS hit").first()
        return try row?.decode(column: "hit", as: Bool.self) ?? false
    }

    /// `wantsHeadConfirmation` as an SQL expression over `path` (a bound value or a column such as
    /// `g.org_path`), so the table page can ask it in the query that reads the table.
    static func headConfirmation(path: any SQLExpression) -> SQLQueryString {
        "EXISTS (SELECT 1 FROM organisations o WHERE o.head_confirmation = \(bind: true) AND \(atOrAbove(path)))"
    }

    /// The organisation `o` is the one filed at `path` or above it: exactly when its own `path` begins
    /// that one. Paths are fixed when an organisation is made (`OrganisationRecord.init`), and nothing
    /// moves one; each ends in `/`, so no organisation's path begins a sibling's.
    private static func atOrAbove(_ path: any SQLExpression) -> SQLQueryString {
        "substr(\(path), 1, length(o.path)) = o.path"
    }

    /// The name of the 主管部门 a table filed by `organisationID` answers to, as the 自评表 prints it: the
    /// nearest 主管部门 at or above the organisation (a department's own table names itself). Nil when the
    /// table has no organisation or none above it is a 主管部门 (the cell stays blank for the unit to fill).
    static func department(of organisationID: UUID?, on db: any Database) async throws -> String? {
        guard let organisationID else { return nil }
        let row = try await TablePhases.sql(db).raw(
            """
            SELECT o.name FROM organisations own, organisations o \
            WHERE own.id = \(bind: organisationID) AND o.kind = \(bind: OrganisationKind.department.rawValue) \
            AND \(atOrAbove(SQLColumn("path", table: "own"))) ORDER BY length(o.path) DESC LIMIT 1
            """
        ).first()
        return try row?.decode(column: "name", as: String.self)
    }

    /// Every organisation, each after its parent, siblings by name.
    static func tree(on db: any Database) async throws -> [(record: OrganisationRecord, depth: Int)] {
        let all = try await OrganisationRecord.query(on: db).all()
        let children = Dictionary(grouping: all, by: \.parentID)
        var out: [(OrganisationRecord, Int)] = []
        func walk(_ parent: UUID?, _ depth: Int) {
            for o in (children[parent] ?? []).sorted(by: { $0.name < $1.name }) {
                out.append((o, depth))
                walk(o.id, depth + 1)
            }
        }
        walk(nil, 0)
        return out
    }

    /// Imports `编码,名称,类型,上级编码` rows (a header row first; 类型 is 财政局, 主管部门 or 单位; 上级编码 empty
    /// for a root, else the code — or, failing that, the unique name — of an organisation earlier in the
    /// file or already in the database).
    /// All or nothing: any problem lists every bad line and saves none. Returns how many were added.
    static func importCSV(_ data: Data, on db: any Database) async throws -> Int {
        let text: String
        do { text = try TextDecoding.decode(data).text } catch {
            throw Failure.invalidCSV(["文件无法读取为文本：\(error.description)"])
        }
        let rows: [[String]]
        do { rows = try CSVReader.records(text, separator: ",").map(\.fields) } catch {
            throw Failure.invalidCSV([error.message])
        }
        guard let header = rows.first else { throw Failure.invalidCSV(["文件为空：第一行应为表头“编码,名称,类型,上级编码”"]) }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        func column(_ options: [String]) -> Int? { names.firstIndex { options.contains($0) } }
        guard let cCode = column(["编码", "机构编码", "code"]), let cName = column(["名称", "机构名称", "name"]),
            let cKind = column(["类型", "机构类型", "kind"]), let cParent = column(["上级编码", "上级", "parent"])
        else {
            throw Failure.invalidCSV(["第 1 行：表头应包含“编码、名称、类型、上级编码”四列，实为“\(names.joined(separator: ","))”"])
        }
        return try await WriteTransaction.write(on: db) { tx in
            var known: [String: OrganisationRecord] = [:]
            var byName: [String: [OrganisationRecord]] = [:]
            for o in try await OrganisationRecord.query(on: tx).all() {
                if let c = o.code { known[c] = o }
                byName[o.name, default: []].append(o)
            }
            var problems: [String] = []
            var added = 0
            for (i, row) in rows.enumerated().dropFirst() {
                let line = i + 1
                func cell(_ c: Int) -> String { c < row.count ? row[c].trimmingCharacters(in: .whitespaces) : "" }
                if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
                let code = cell(cCode), name = cell(cName), kindText = cell(cKind), parentCode = cell(cParent)
                var bad: [String] = []
                if code.isEmpty { bad.append("编码为空") } else if known[code] != nil { bad.append("编码“\(code)”重复") }
                if name.isEmpty { bad.append("名称为空") }
                let kind = OrganisationKind.parse(kindText)
                if kind == nil { bad.append("类型“\(kindText)”应为 财政局、主管部门 或 单位") }
                var parent: OrganisationRecord?
                if !parentCode.isEmpty {
                    parent = known[parentCode]
                    if parent == nil, let named = byName[parentCode] {
                        if named.count == 1 {
                            parent = named[0]
                        } else {
                            bad.append("上级“\(parentCode)”有 \(named.count) 个同名机构，请改用编码")
                        }
                    } else if parent == nil {
                        bad.append("上级编码“\(parentCode)”不存在（上级须在本行之前或已在系统中）")
                    }
                }
                guard bad.isEmpty, let kind else {
                    problems.append("第 \(line) 行：" + bad.joined(separator: "；"))
                    continue
                }
                let o = try await create(code: code, name: name, kind: kind, parent: parent, on: tx)
                known[code] = o
                byName[name, default: []].append(o)
                added += 1
            }
            if !problems.isEmpty { throw Failure.invalidCSV(problems) }
            return added
        }
    }
}
