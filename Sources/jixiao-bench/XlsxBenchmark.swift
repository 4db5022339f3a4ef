import Foundation
import OfficeXML

/// `jixiao-bench xlsx`: writes and reads a workbook of 1,000 bordered tables (10 sheets of 100
/// tables, each a merged title, a header and 8 rows of 10 columns — 11,000 rows with spacing)
/// with OfficeXML, then has openpyxl write and read the same cells, and prints both timings.
/// The .xls line: xlwt writes the same cells as an .xls, and OfficeXML and xlrd read it.
///
/// The grid is generic (texts, numbers, merges, borders), like a goal table but built here
/// without any goal knowledge, because OfficeXML knows nothing of goals.
func runXlsxBenchmark() {
    do {
        try XlsxBenchmark().run()
    } catch {
        print("xlsx benchmark failed: \(error)")
        exit(1)
    }
}

private struct XlsxBenchmark {
    enum StyleKey: String, Codable { case title, header, text, number }

    struct BenchCell: Codable {
        var r: Int
        var c: Int
        var v: String?
        var n: Double?
        var s: StyleKey
    }

    struct BenchSheet: Codable {
        var name: String
        var cells: [BenchCell]
        var merges: [String]
    }

    static let sheetCount = 10
    static let tablesPerSheet = 100
    static let columns = 10
    static let header = ["序号", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重（分）", "完成时限", "备注"]
    static let widths: [Double] = [6, 12, 14, 30, 8, 10, 10, 10, 12, 24]

    /// The content: deterministic, varied enough that shared strings and numbers do real work.
    func makeSheets() -> [BenchSheet] {
        let levelOne = ["产出指标", "效益指标"]
        let levelTwo = [["数量指标", "质量指标", "时效指标", "成本指标"], ["社会效益指标", "经济效益指标", "生态效益指标", "满意度指标"]]
        let units = ["人次", "%", "万元", "个", "天", "公里"]
        return (1...Self.sheetCount).map { sheetNumber in
            var cells: [BenchCell] = []
            var merges: [String] = []
            var row = 1
            for tableNumber in 1...Self.tablesPerSheet {
                let serial = (sheetNumber - 1) * Self.tablesPerSheet + tableNumber
                cells.append(BenchCell(r: row, c: 1, v: "第\(serial)张表 某某单位\(serial % 37)项目绩效目标表", s: .title))
                for column in 2...Self.columns { cells.append(BenchCell(r: row, c: column, s: .title)) }
                merges.append("A\(row):J\(row)")
                for (offset, text) in Self.header.enumerated() {
                    cells.append(BenchCell(r: row + 1, c: offset + 1, v: text, s: .header))
                }
                for item in 0..<8 {
                    let r = row + 2 + item
                    let group = item / 4
                    let value = Double((serial * 37 + item * 11) % 1000) + (item % 3 == 0 ? 0.5 : 0)
                    cells.append(BenchCell(r: r, c: 1, n: Double(item + 1), s: .number))
                    cells.append(BenchCell(r: r, c: 2, v: item % 4 == 0 ? levelOne[group] : nil, s: .text))
                    cells.append(BenchCell(r: r, c: 3, v: levelTwo[group][item % 4], s: .text))
                    cells.append(BenchCell(r: r, c: 4, v: "第\(serial)项任务的第\(item + 1)个三级指标说明", s: .text))
                    cells.append(BenchCell(r: r, c: 5, v: item % 2 == 0 ? "≥" : "≤", s: .text))
                    cells.append(BenchCell(r: r, c: 6, n: value, s: .number))
                    cells.append(BenchCell(r: r, c: 7, v: units[(serial + item) % units.count], s: .text))
                    cells.append(BenchCell(r: r, c: 8, n: Double(5 + item % 3 * 5), s: .number))
                    cells.append(BenchCell(r: r, c: 9, v: "2025年\(item + 5)月", s: .text))
                    cells.append(BenchCell(r: r, c: 10, v: item % 3 == 0 ? "按季度统计，年底汇总" : "", s: .text))
                }
                merges.append("B\(row + 2):B\(row + 5)")
                merges.append("B\(row + 6):B\(row + 9)")
                row += 11
            }
            return BenchSheet(name: "目标表\(sheetNumber)", cells: cells, merges: merges)
        }
    }

    func writeWithOfficeXML(_ sheets: [BenchSheet], to url: URL) throws {
        var writer = XLSXWriter()
        let styles: [StyleKey: StyleID] = [
            .title: writer.addStyle(
                CellStyle(
                    font: FontStyle(name: "黑体", size: 14, bold: true), border: .thin,
                    horizontalAlignment: .center, verticalAlignment: .center)),
            .header: writer.addStyle(
                CellStyle(
                    font: FontStyle(name: "黑体", bold: true), fillColor: "D9E1F2", border: .thin,
                    horizontalAlignment: .center, verticalAlignment: .center, wrapText: true)),
            .text: writer.addStyle(CellStyle(border: .thin, verticalAlignment: .center, wrapText: true)),
            .number: writer.addStyle(CellStyle(border: .thin, horizontalAlignment: .right, verticalAlignment: .center)),
        ]
        for sheet in sheets {
            var draft = WorksheetDraft(name: sheet.name)
            for cell in sheet.cells {
                let value: CellValue = cell.n.map { .number($0) } ?? cell.v.map { .string($0) } ?? .empty
                draft.set(value, row: cell.r, column: cell.c, style: styles[cell.s] ?? .default)
            }
            draft.merged = try sheet.merges.map { try CellRange($0) }
            for (offset, width) in Self.widths.enumerated() { draft.columnWidths[offset + 1] = width }
            draft.pageSetup = .a4LandscapeFitToWidth
            try writer.addSheet(draft)
        }
        try writer.write(to: url)
    }

    /// Reads every sheet and turns it into display texts, as an importer would (.xlsx or .xls, by content).
    func readWithOfficeXML(_ url: URL) throws -> (cells: Int, merges: Int) {
        let book = try WorkbookReader().read(contentsOf: url)
        var cells = 0
        var merges = 0
        for sheet in book.sheets {
            let grid = try sheet.grid(merged: .topLeftOnly)
            cells += grid.reduce(0) { $0 + $1.filter { !$0.isEmpty }.count }
            merges += sheet.merged.count
        }
        return (cells, merges)
    }

    static let openpyxlScript = #"""
        import sys, json, time
        from openpyxl import Workbook, load_workbook
        from openpyxl.styles import Font, Border, Side, Alignment, PatternFill
        from openpyxl.worksheet.properties import PageSetupProperties

        sheets = json.load(open(sys.argv[1], encoding="utf-8"))
        out, widths = sys.argv[2], [6, 12, 14, 30, 8, 10, 10, 10, 12, 24]
        start = time.perf_counter()
        wb = Workbook()
        wb.remove(wb.active)
        thin = Side(style="thin")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        styles = {
            "title": (Font(name="黑体", size=14, bold=True), None, Alignment(horizontal="center", vertical="center")),
            "header": (Font(name="黑体", bold=True), PatternFill("solid", fgColor="D9E1F2"), Alignment(horizontal="center", vertical="center", wrap_text=True)),
            "text": (None, None, Alignment(vertical="center", wrap_text=True)),
            "number": (None, None, Alignment(horizontal="right", vertical="center")),
        }
        letters = "ABCDEFGHIJ"
        for sheet in sheets:
            ws = wb.create_sheet(sheet["name"])
            for cell in sheet["cells"]:
                value = cell.get("n")
                if value is None:
                    value = cell.get("v") or None
                c = ws.cell(row=cell["r"], column=cell["c"], value=value)
                font, fill, alignment = styles[cell["s"]]
                c.border = border
                c.alignment = alignment
                if font: c.font = font
                if fill: c.fill = fill
            for ref in sheet["merges"]:
                ws.merge_cells(ref)
            for i, w in enumerate(widths):
                ws.column_dimensions[letters[i]].width = w
            ws.page_setup.orientation = "landscape"
            ws.page_setup.paperSize = 9
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 0
            ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        wb.save(out)
        written = time.perf_counter()
        book = load_workbook(out)
        cells = merges = 0
        for ws in book.worksheets:
            for row in ws.iter_rows(values_only=True):
                cells += sum(1 for v in row if v is not None and v != "")
            merges += len(ws.merged_cells.ranges)
        read = time.perf_counter()
        print(json.dumps({"write": written - start, "read": read - written, "cells": cells, "merges": merges}))
        """#

    /// Writes the same cells as an .xls with xlwt (texts, numbers, merges; no borders, which xlwt
    /// would make slow to write and which neither reader looks at), then times xlrd reading it
    /// back as `readWithOfficeXML` does: every cell's value, and the merged ranges.
    static let xlrdScript = #"""
        import sys, json, time
        import xlwt, xlrd
        sheets = json.load(open(sys.argv[1], encoding="utf-8"))
        out = sys.argv[2]
        start = time.perf_counter()
        book = xlwt.Workbook(encoding="utf-8")
        for sheet in sheets:
            ws = book.add_sheet(sheet["name"], cell_overwrite_ok=True)
            for cell in sheet["cells"]:
                value = cell.get("n")
                if value is None:
                    value = cell.get("v") or None
                if value is not None:
                    ws.write(cell["r"] - 1, cell["c"] - 1, value)
            for ref in sheet["merges"]:
                a, b = ref.split(":")
                def parse(x):
                    col = 0
                    i = 0
                    while x[i].isalpha():
                        col = col * 26 + ord(x[i]) - 64
                        i += 1
                    return int(x[i:]) - 1, col - 1
                (r1, c1), (r2, c2) = parse(a), parse(b)
                ws.merge(r1, r2, c1, c2)
        book.save(out)
        written = time.perf_counter()
        best = None
        for _ in range(3):
            t0 = time.perf_counter()
            wb = xlrd.open_workbook(out, formatting_info=True)
            cells = merges = 0
            for ws in wb.sheets():
                for r in range(ws.nrows):
                    for v in ws.row_values(r):
                        if v is not None and v != "":
                            cells += 1
                merges += len(ws.merged_cells)
            t = time.perf_counter() - t0
            best = t if best is None else min(best, t)
        print(json.dumps({"write": written - start, "read": best, "cells": cells, "merges": merges}))
        """#

    /// The .xls line: xlwt writes the tables, then Jixiao and xlrd each read them, best of three.
    func runXLS(json: URL, directory: URL) throws {
        let script = directory.appendingPathComponent("xlrd_bench.py")
        try Self.xlrdScript.write(to: script, atomically: true, encoding: .utf8)
        let xls = directory.appendingPathComponent("xlwt.xls")
        guard let output = runPython([script.path, json.path, xls.path]),
            let result = try? JSONDecoder().decode(PythonResult.self, from: Data(output.utf8))
        else {
            print(".xls     not run: python3 with xlwt and xlrd is needed (pip install xlwt xlrd)")
            return
        }
        let clock = ContinuousClock()
        var times: [Duration] = []
        var counts = (cells: 0, merges: 0)
        for _ in 0..<3 { times.append(try clock.measure { counts = try readWithOfficeXML(xls) }) }
        let ours = seconds(times.min() ?? .zero)
        let size = (try? FileManager.default.attributesOfItem(atPath: xls.path)[.size] as? Int) ?? 0
        print(
            String(
                format: "Jixiao   read .xls %6.3f s   (%d non-empty cells, %d merges, %.1f MB file written by xlwt)",
                ours, counts.cells, counts.merges, Double(size) / 1_048_576))
        print(
            String(
                format: "xlrd     read .xls %6.3f s   (%d non-empty cells, %d merges)", result.read, result.cells, result.merges))
        print(String(format: "ratio    read .xls %5.1f×    (xlrd time ÷ Jixiao time)", result.read / ours))
    }

    struct PythonResult: Decodable {
        var write: Double
        var read: Double
        var cells: Int
        var merges: Int
    }

    func run() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-xlsx-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sheets = makeSheets()
        let ours = directory.appendingPathComponent("officexml.xlsx")
        let rowCount = Self.sheetCount * Self.tablesPerSheet * 11
        print(
            "xlsx benchmark: \(Self.sheetCount * Self.tablesPerSheet) tables in \(Self.sheetCount) sheets, "
                + "\(rowCount) rows × \(Self.columns) columns, \(sheets.reduce(0) { $0 + $1.merges.count }) merges, every table cell bordered"
        )

        // Best of three: the first run also pays for page faults and allocator warm-up.
        let clock = ContinuousClock()
        var writeTimes: [Duration] = []
        var readTimes: [Duration] = []
        var counts = (cells: 0, merges: 0)
        for _ in 0..<3 {
            writeTimes.append(try clock.measure { try writeWithOfficeXML(sheets, to: ours) })
            readTimes.append(try clock.measure { counts = try readWithOfficeXML(ours) })
        }
        let ourWrite = seconds(writeTimes.min() ?? .zero)
        let ourRead = seconds(readTimes.min() ?? .zero)
        let size = (try? FileManager.default.attributesOfItem(atPath: ours.path)[.size] as? Int) ?? 0
        print(
            String(
                format: "Jixiao   write %6.3f s   read %6.3f s   (%d non-empty cells, %d merges, %.1f MB file)",
                ourWrite, ourRead, counts.cells, counts.merges, Double(size) / 1_048_576))

        let json = directory.appendingPathComponent("cells.json")
        try JSONEncoder().encode(sheets).write(to: json)
        let script = directory.appendingPathComponent("openpyxl_bench.py")
        try Self.openpyxlScript.write(to: script, atomically: true, encoding: .utf8)
        let theirs = directory.appendingPathComponent("openpyxl.xlsx")
        // The .xls line first: it needs only xlwt and xlrd, not openpyxl.
        try runXLS(json: json, directory: directory)
        guard let output = runPython([script.path, json.path, theirs.path]),
            let result = try? JSONDecoder().decode(PythonResult.self, from: Data(output.utf8))
        else {
            print("openpyxl  not run: python3 with openpyxl is needed (pip install openpyxl)")
            return
        }
        print(
            String(
                format: "openpyxl write %6.3f s   read %6.3f s   (%d non-empty cells, %d merges)",
                result.write, result.read, result.cells, result.merges))
        print(
            String(
                format: "ratio    write %5.1f×    read %5.1f×   (openpyxl time ÷ Jixiao time)",
                result.write / ourWrite, result.read / ourRead))
        let crossRead = try clock.measure { _ = try readWithOfficeXML(theirs) }
        print(
            String(
                format: "Jixiao reads openpyxl's file in %.3f s; peak memory of this process %.0f MB",
                seconds(crossRead), peakMemoryMegabytes()))
    }

    /// The process's peak resident memory. Linux reports kilobytes, macOS bytes.
    private func peakMemoryMegabytes() -> Double {
        var usage = rusage()
        #if os(Linux)
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
            return Double(usage.ru_maxrss) / 1024
        #else
            getrusage(RUSAGE_SELF, &usage)
            return Double(usage.ru_maxrss) / 1_048_576
        #endif
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
