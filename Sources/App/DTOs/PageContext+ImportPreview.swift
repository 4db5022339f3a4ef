import Foundation
import GoalCheck
import GoalCore
import GoalIO

/// 导入预览: the recovered tables in their layout, every repair numbered in a list and marked on the cell it
/// concerns (colour plus a superscript number linking to the note), and a choice of which tables to save.
extension PageContext {
    struct ImportPreview: Encodable {
        var title = "导入预览"
        var nav = Nav()
        var save = SitePath.importSave.path
        var back = SitePath.importPage.path
        var source: String
        /// The first `shownInFull` tables, in their layout with every mark.
        var tables: [PreviewTable]
        /// The rest, one line each (heading, rows, repairs, errors, warnings) with its checkbox: a paste of
        /// 3,500 tables laid out in full is a page of hundreds of megabytes no browser shows, and it took the
        /// server 15 s to build. Every table is saved from the stored draft either way.
        var others: [PreviewLine]
        var total: Int
        var shownInFull: Int
        /// Notes about no table in particular (a skipped 填表说明, an unreadable line between tables).
        var notes: [NoteLine]
        /// How many repairs in all, for the summary line.
        var repairs: Int
        /// The server-side draft (`ImportDraftRecord`) the 保存 button names.
        var draft: String

        struct NoteLine: Encodable {
            /// `note-2-5`: the anchor a cell's superscript links to.
            var id: String
            var number: Int
            var kind: String
            var kindLabel: String
            var place: String
            var message: String
        }

        /// How a cell shows the notes about it; `has` false for an untouched cell.
        struct Mark: Encodable {
            var has: Bool
            var cls: String
            var refs: [Ref]
            var title: String
            static let none = Mark(has: false, cls: "", refs: [], title: "")
        }

        struct Ref: Encodable { var number: Int; var href: String }

        struct Cell: Encodable {
            var text: String
            var mark: Mark
        }

        struct PreviewRow: Encodable {
            var number: Int
            var level1: Cell
            var level1Span: Int
            var showLevel1: Bool
            var level2: Cell
            var level2Span: Int
            var showLevel2: Bool
            var name: Cell
            var target: Cell
            var cells: [Cell]
        }

        static let shownInFull = 30

        struct PreviewLine: Encodable {
            var number: Int
            var index: Int
            var heading: String
            var source: String?
            var indicators: Int
            var repaired: Int
            var errors: Int
            var warnings: Int
        }

        struct PreviewTable: Encodable {
            var number: Int
            /// Its index in `document`, the value of its 保存 checkbox.
            var index: Int
            var heading: String
            /// The file it came from when several were uploaded.
            var source: String?
            var header: [HeaderField]
            var indicators: Int
            var rows: [PreviewRow]
            var columns: [String]
            var notes: [NoteLine]
            var repaired: Int
            var errors: Int
            var warnings: Int
        }

        /// `sources[i]` names the file table `i` came from, when there were several; `draft` may be nil when
        /// the caller names it once it is stored.
        init(source: String, result: ImportResult, sources: [String]? = nil, draft: UUID?) {
            self.source = source
            self.draft = draft?.uuidString ?? ""
            notes = result.notes.filter { $0.location.table == nil }.enumerated().map { k, n in
                Self.line(n, number: k + 1, id: "note-0-\(k + 1)")
            }
            repairs = result.notes.count { $0.kind == .repaired }
            let findings = Analysis.findings(result.tables, importNotes: result.notes)
            var errors = [Int](repeating: 0, count: result.tables.count), warnings = errors, repaired = errors
            for f in findings {
                let i = f.table
                guard i >= 0, i < errors.count else { continue }
                if f.severity == .error { errors[i] += 1 } else if f.severity == .warning { warnings[i] += 1 }
            }
            for n in result.notes where n.kind == .repaired {
                if let i = n.location.table, i < repaired.count { repaired[i] += 1 }
            }
            total = result.tables.count
            shownInFull = min(Self.shownInFull, total)
            let source = { (i: Int) in sources.flatMap { i < $0.count ? $0[i] : nil } }
            let heading = { (t: GoalTable) in t.title + (t.year.map { "（\($0)年度）" } ?? "") }
            others = result.tables.enumerated().dropFirst(Self.shownInFull).map { i, t in
                PreviewLine(
                    number: i + 1, index: i, heading: heading(t), source: source(i), indicators: t.indicators.count,
                    repaired: repaired[i], errors: errors[i], warnings: warnings[i])
            }
            tables = result.tables.prefix(Self.shownInFull).enumerated().map { i, t in
                let grid = PageContext.table(TableDetailDTO(summary: .preview, table: t))
                let tableNotes = result.notes(forTable: i)
                let lines = tableNotes.enumerated().map { k, n in Self.line(n, number: k + 1, id: "note-\(i + 1)-\(k + 1)") }
                return PreviewTable(
                    number: i + 1, index: i, heading: heading(t), source: source(i), header: grid.header,
                    indicators: t.indicators.count, rows: Self.rows(grid, table: t, notes: Array(zip(tableNotes, lines))),
                    columns: grid.columns, notes: lines, repaired: repaired[i], errors: errors[i], warnings: warnings[i])
            }
        }

        static func line(_ n: ImportNote, number: Int, id: String) -> NoteLine {
            let dto = NoteDTO(n)
            return NoteLine(
                id: id, number: number, kind: dto.kind, kindLabel: dto.kindLabel, place: dto.place, message: dto.message)
        }

        /// Where a note shows in the grid: the cell of its field when that column is shown, else the row's 三级 cell
        /// (a 一级/二级 merged into the row above marks this row's name, so the mark stays on the right row).
        private enum Slot: Hashable { case level1, level2, name, target, column(Int) }

        private static func rows(
            _ grid: PageContext.Table, table t: GoalTable,
            notes: [(ImportNote, NoteLine)]
        ) -> [PreviewRow] {
            let columnFields = PageContext.optionalColumns.filter { f in grid.columns.contains(f.label) }
            var marks: [Int: [Slot: [(ImportNote, NoteLine)]]] = [:]
            for (note, line) in notes {
                guard let i = note.location.indicator, i < grid.rows.count else { continue }
                let row = grid.rows[i]
                let slot: Slot
                switch note.location.field {
                case .level1?: slot = row.showLevel1 ? .level1 : .name
                case .level2?: slot = row.showLevel2 ? .level2 : .name
                case .type?, .value?, .unit?: slot = .target
                case let f?: slot = columnFields.firstIndex(of: f).map(Slot.column) ?? .name
                case nil: slot = .name
                }
                marks[i, default: [:]][slot, default: []].append((note, line))
            }
            func mark(_ i: Int, _ slot: Slot) -> Mark {
                guard let list = marks[i]?[slot], !list.isEmpty else { return .none }
                let bad = list.contains { $0.0.kind == .unreadable }
                return Mark(
                    has: true, cls: bad ? "unreadable-cell" : "repaired-cell",
                    refs: list.map { Ref(number: $0.1.number, href: "#" + $0.1.id) },
                    title: list.map { "\($0.1.kindLabel)：\($0.1.message)" }.joined(separator: "\n"))
            }
            return grid.rows.enumerated().map { i, r in
                PreviewRow(
                    number: r.number,
                    level1: Cell(text: r.level1, mark: mark(i, .level1)), level1Span: r.level1Span, showLevel1: r.showLevel1,
                    level2: Cell(text: r.level2, mark: mark(i, .level2)), level2Span: r.level2Span, showLevel2: r.showLevel2,
                    name: Cell(text: r.name, mark: mark(i, .name)), target: Cell(text: r.target, mark: mark(i, .target)),
                    cells: r.cells.enumerated().map { k, text in Cell(text: text, mark: mark(i, .column(k))) })
            }
        }
    }
}
