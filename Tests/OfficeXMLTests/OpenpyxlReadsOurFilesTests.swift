import Foundation
import Testing
import TestSupport
@testable import OfficeXML

@Suite(
    "openpyxl opens what we write", .enabled(if: ExternalTools.hasOpenpyxl, "needs python3 with openpyxl (pip install openpyxl)"))
struct OpenpyxlReadsOurFilesTests {
    static let dumpScript = #"""
        import sys, json
        from openpyxl import load_workbook
        wb = load_workbook(sys.argv[1])
        out = {"sheets": []}
        for ws in wb.worksheets:
            cells = {}
            for row in ws.iter_rows():
                for c in row:
                    if c.value is not None:
                        v = c.value
                        cells[c.coordinate] = v.isoformat() if hasattr(v, "isoformat") else v
            out["sheets"].append({
                "name": ws.title,
                "state": ws.sheet_state,
                "merged": sorted(str(r) for r in ws.merged_cells.ranges),
                "cells": cells,
                "widthC": ws.column_dimensions["C"].width,
                "freeze": ws.freeze_panes,
                "orientation": ws.page_setup.orientation,
                "paper": ws.page_setup.paperSize,
                "fitToWidth": ws.page_setup.fitToWidth,
                "fitToPage": ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None,
                "printTitles": ws.print_title_rows,
                "validations": [[dv.type, dv.formula1, str(dv.sqref)] for dv in ws.data_validations.dataValidation],
                "hiddenRows": [i for i, d in ws.row_dimensions.items() if d.hidden],
                "fontA1": [ws["A1"].font.name, ws["A1"].font.b, ws["A1"].font.sz],
                "borderA4": ws["A4"].border.left.style,
                "fillA3": ws["A3"].fill.fgColor.rgb,
                "wrapC6": ws["C6"].alignment.wrap_text,
                "alignA1": [ws["A1"].alignment.horizontal, ws["A1"].alignment.vertical],
                "formatE5": ws["E5"].number_format,
            })
        print(json.dumps(out, ensure_ascii=False))
        """#

    struct Dump: Decodable {
        struct SheetDump: Decodable {
            var name: String
            var state: String
            var merged: [String]
            var cells: [String: JSONValue]
            var widthC: Double?
            var freeze: String?
            var orientation: String?
            var paper: Int?
            var fitToWidth: Int?
            var fitToPage: Bool?
            var printTitles: String?
            var validations: [[String?]]
            var hiddenRows: [Int]
            var fontA1: [JSONValue]
            var borderA4: String?
            var fillA3: String?
            var wrapC6: Bool?
            var alignA1: [String?]
            var formatE5: String
        }
        var sheets: [SheetDump]
    }

    enum JSONValue: Decodable, Equatable {
        case string(String), number(Double), bool(Bool), null
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let bool = try? container.decode(Bool.self) {
                self = .bool(bool)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .string(try container.decode(String.self))
            }
        }
    }

    @Test("openpyxl sees our cells, merges, styles, print setup, dropdowns and hidden sheet")
    func openpyxlLoadsSample() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("sample.xlsx")
        try SampleWorkbook.make().write(to: file)
        let json = try ExternalTools.python(Self.dumpScript, arguments: [file.path], in: directory)
        let dump = try JSONDecoder().decode(Dump.self, from: Data(json.utf8))

        #expect(dump.sheets.map(\.name) == ["项目支出", "说明", "选项"])
        #expect(dump.sheets.map(\.state) == ["visible", "visible", "hidden"])
        let main = dump.sheets[0]
        #expect(main.cells["A1"] == .string(SampleWorkbook.title))
        #expect(main.cells["C3"] == .string("三级指标"))
        #expect(main.cells["E4"] == .number(1200))
        #expect(main.cells["E5"] == .number(0.955))
        #expect(main.cells["G4"] == .string("2025-12-12T00:00:00"))
        #expect(main.cells["C6"] == .string("带动就业\n（含返乡人员）"))
        #expect(main.cells["C7"] == .string("参训人员满意度 <95> & \"良好\""))
        #expect(main.cells["G7"] == .bool(true))
        #expect(main.cells["A9"] == .string("备注：数据来源于统计年报"))
        #expect(main.merged == ["A1:G1", "A2:C2", "A4:A5", "D2:G2"])
        #expect(main.widthC == 30)
        #expect(main.freeze == "A4")
        #expect(main.orientation == "landscape")
        #expect(main.paper == 9)
        #expect(main.fitToWidth == 1)
        #expect(main.fitToPage == true)
        #expect(main.printTitles == "$2:$3")
        #expect(main.validations.first == ["list", "\"≥,≤,=,定性\"", "D4:D40"])
        #expect(main.fontA1 == [.string("黑体"), .bool(true), .number(16)])
        #expect(main.alignA1 == ["center", "center"])
        #expect(main.borderA4 == "thin")
        #expect(main.fillA3 == "FFD9E1F2")
        #expect(main.wrapC6 == true)
        #expect(main.formatE5 == "0.0%")
        #expect(dump.sheets[1].hiddenRows == [3])
    }
}
