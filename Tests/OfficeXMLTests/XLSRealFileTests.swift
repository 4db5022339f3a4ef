import Foundation
import Testing
import TestSupport
@testable import OfficeXML

/// The real .xls in `../shared/realfiles`: an Excel 97–2003 export of one central-department
/// project (1751660300/DoExecl, static/template.xls at 067f94fd; see SOURCES.md there).
@Suite("A real .xls export")
struct XLSRealFileTests {
    static let file = SharedFiles.shared.appendingPathComponent("realfiles/doexecl-2019-pku-zuqiu-template.xls")
    static let monitoring = "项目支出绩效目标执行监控"

    @Test("all eleven sheets read, by name and in tab order")
    func sheets() throws {
        let book = try XLSReader().read(contentsOf: Self.file)
        #expect(
            book.sheets.map(\.name) == [
                "项目基本信息", "项目支出立项依据", "项目支出实施方案", "项目支出计划", "项目支出明细", "项目支出绩效目标申报表",
                Self.monitoring, "项目支出绩效自评表", "部门评审报告", "财政评审报告", "监管局审核意见报告",
            ])
        #expect(book.sheets.allSatisfy { $0.visibility == .visible && !$0.rows.isEmpty })
        #expect(book.dateSystem == .from1900)
        let declaration = try #require(book["项目支出绩效目标申报表"])
        #expect(try declaration.grid().joined().contains("2019年210青少年校园足球扶持资金绩效目标表"))
    }

    @Test("the monitoring sheet has its header, budget block and every indicator row with its values")
    func monitoringSheet() throws {
        let sheet = try #require(try XLSReader().read(contentsOf: Self.file)[Self.monitoring])
        #expect(sheet["A2"] == .string("项目支出绩效目标执行监控表"))
        #expect(sheet["D5"] == .string("2019年210青少年校园足球扶持资金"))
        #expect(sheet["H7"] == .string("年初预算数"))
        #expect(sheet["H8"] == .string("190.00"))
        #expect(sheet["N8"] == .string("0.00%"))
        #expect(Array(try sheet.grid()[19].prefix(8)) == ["", "一级指标", "二级指标", "三级指标", "年度指标值", "1-7月执行数", "全年预计执行数", "偏差原因分析"])
        // The indicator rows (22–35): 三级指标, 年度指标值, 1-7月执行数 "一般", 全年预计 "100%", ticked 确定能.
        let expected: [(String, String, String, String)] = [
            ("产出指标", "成本指标", "成本节约率", "≥0"), ("产出指标", "成本指标", "成本控制率", "1"),
            ("产出指标", "时效指标", "项目完成及时率", "≥90%"), ("产出指标", "数量指标", "媒体播出", "5次"),
            ("产出指标", "数量指标", "完成出版物出版", "10套"), ("产出指标", "数量指标", "完成动画短剧的制作", "20集"),
            ("产出指标", "质量指标", "媒体播出标准", "优秀"), ("产出指标", "质量指标", "音像出版标准", "优秀"),
            ("效益指标", "可持续影响指标", "在校园普及足球运动技术", "作用明显"), ("效益指标", "可持续影响指标", "中国足球运动打好基础", "作用明显"),
            ("效益指标", "社会效益指标", "提高校园青少年足球水平", "显著提高"), ("效益指标", "社会效益指标", "在校园推广足球运动", "推广面广"),
            ("满意度指标", "校园用户满意度", "媒体播出满意度", "很满意"), ("满意度指标", "校园用户满意度", "校园用户满意度", "很满意"),
        ]
        let grid = try sheet.grid()
        #expect(grid.count == 35)
        for (offset, row) in expected.enumerated() {
            let cells = grid[21 + offset]
            #expect(Array(cells[1...7]) == [row.0, row.1, row.2, row.3, "一般", "100%", cells[7]], "row \(22 + offset)")
            #expect(cells[13] == "✔", "row \(22 + offset)")
            #expect(cells[16] == "前半年设计后半年开发审核出版。", "row \(22 + offset)")
            #expect(cells[12].contains("5集样片"), "row \(22 + offset)")
        }
    }

    @Test("merged cells: the title across the form, the two-row headers, 偏差原因分析 over its six columns")
    func merges() throws {
        let sheet = try #require(try XLSReader().read(contentsOf: Self.file)[Self.monitoring])
        let merged = Set(sheet.merged.map(\.description))
        #expect(sheet.merged.count == 56)
        #expect(merged.isSuperset(of: ["A2:Q2", "A3:Q3", "H20:M20", "N20:P20", "B20:B21", "C20:C21", "Q20:Q21"]))
        let filled = try sheet.grid(merged: .fill)
        #expect(filled[19][7...12].allSatisfy { $0 == "偏差原因分析" })
        #expect(filled[20][1] == "一级指标")
    }

    @Test(
        "every sheet reads exactly as xlrd, an independent reader, reads it (skipped without xlrd)",
        .enabled(if: ExternalTools.hasXlrd, "python3 with xlrd is needed (pip install xlrd)"))
    func sameAsXlrd() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try ExternalTools.python(XLSScripts.xlrdDump, arguments: [Self.file.path], in: directory)
        let theirs = try JSONDecoder().decode([XLSScripts.DumpedSheet].self, from: Data(output.utf8))
        let book = try XLSReader().read(contentsOf: Self.file)
        #expect(book.sheets.map(\.name) == theirs.map(\.name))
        for (sheet, dumped) in zip(book.sheets, theirs) {
            #expect(XLSScripts.texts(of: sheet) == dumped.cells, "\(sheet.name)")
            #expect(Set(sheet.merged.map(\.description)) == Set(dumped.merges), "\(sheet.name)")
        }
    }
}

/// Python scripts the .xls tests run, and how their output compares.
enum XLSScripts {
    struct DumpedSheet: Decodable {
        var name: String
        /// "A1" → the cell's text (strings) or number (as Python's repr of a float).
        var cells: [String: String]
        var merges: [String]
    }

    /// Our cells in the form the dump uses: strings as they are, numbers as Python prints floats.
    static func texts(of sheet: Sheet) -> [String: String] {
        var result: [String: String] = [:]
        for row in sheet.rows {
            for cell in row.cells {
                let key = CellAddress(row: row.index, column: cell.column).description
                switch cell.value {
                case .string(let text): result[key] = text
                case .number(let value, _): result[key] = "n:" + String(value)
                case .date(let date): result[key] = "d:" + date.displayText
                case .bool(let value): result[key] = "b:" + (value ? "1" : "0")
                case .error(let code): result[key] = "e:" + code
                case .empty: break
                }
            }
        }
        return result
    }

    /// Dumps every sheet with xlrd: non-empty cells and merged ranges.
    static let xlrdDump = #"""
        import sys, json, xlrd
        book = xlrd.open_workbook(sys.argv[1], formatting_info=True)
        def col(c):
            s = ""
            c += 1
            while c:
                c, r = divmod(c - 1, 26)
                s = chr(65 + r) + s
            return s
        def text(cell):
            if cell.ctype == xlrd.XL_CELL_TEXT: return cell.value
            if cell.ctype == xlrd.XL_CELL_NUMBER: return "n:" + repr(float(cell.value))
            if cell.ctype == xlrd.XL_CELL_DATE:
                t = xlrd.xldate_as_tuple(cell.value, book.datemode)
                return "d:%04d-%02d-%02d" % t[:3]
            if cell.ctype == xlrd.XL_CELL_BOOLEAN: return "b:%d" % cell.value
            if cell.ctype == xlrd.XL_CELL_ERROR: return "e:" + xlrd.error_text_from_code[cell.value]
            return None
        out = []
        for sheet in book.sheets():
            cells = {}
            for r in range(sheet.nrows):
                for c in range(sheet.ncols):
                    t = text(sheet.cell(r, c))
                    if t: cells[col(c) + str(r + 1)] = t
            merges = []
            for r1, r2, c1, c2 in sheet.merged_cells:
                a, b = col(c1) + str(r1 + 1), col(c2 - 1) + str(r2)
                merges.append(a if a == b else a + ":" + b)
            out.append({"name": sheet.name, "cells": cells, "merges": merges})
        print(json.dumps(out, ensure_ascii=False))
        """#
}
