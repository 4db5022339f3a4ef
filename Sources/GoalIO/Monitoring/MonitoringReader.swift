import Foundation
import GoalCore
import GoalMonitoring
import OfficeXML

/// Reads filled monitoring forms from any source: .xlsx / .xls / WPS .et (every visible sheet that
/// is a 执行监控表), .docx (its tables in document order), pasted text (tab- or |-separated rows),
/// and interchange JSON whose tables carry a `monitoring` object. The CLI and the App come through here.
public enum MonitoringReader {
    public static func read(contentsOf url: URL, limits: ReadLimits = .default) throws(ImportError) -> MonitoringImportResult {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw ImportError("无法打开文件“\(url.path)”：文件不存在或没有读取权限") }
        return try read(data: data, name: url.lastPathComponent, limits: limits)
    }

    public static func read(data: Data, name: String = "", limits: ReadLimits = .default) throws(ImportError)
        -> MonitoringImportResult
    {
        let ext = (name as NSString).pathExtension.lowercased()
        let result: MonitoringImportResult
        if DocumentReader.isZipOrOLE(data) {
            result = try readOffice(data, wordFirst: ["docx", "doc", "wps", "docm"].contains(ext), limits: limits)
        } else if ext == "json" || DocumentReader.looksLikeJSON(data) {
            return try MonitoringJSON.read(data)
        } else {
            result = try readText(data)
        }
        guard !result.tables.isEmpty else {
            throw ImportError("没有找到执行监控表：需要有“三级指标”“年度指标值”“1-N月执行数（完成值）”和“完成目标可能性”等栏目的表格。")
        }
        return result
    }

    private static func readOffice(_ data: Data, wordFirst: Bool, limits: ReadLimits) throws(ImportError)
        -> MonitoringImportResult
    {
        do {
            do {
                return wordFirst ? try readDocx(data, limits) : try readWorkbook(data, limits)
            } catch OfficeError.wrongKind(expected: _, found: let found) {
                return found == .docx ? try readDocx(data, limits) : try readWorkbook(data, limits)
            }
        } catch let e as OfficeError {
            throw ImportError(e.message)
        } catch let e as ImportError {
            throw e
        } catch {
            throw ImportError("无法读取 Office 文件：\(error)")
        }
    }

    private static func readWorkbook(_ data: Data, _ limits: ReadLimits) throws -> MonitoringImportResult {
        let book = try WorkbookReader(limits: limits).read(data: data)
        var result = MonitoringImportResult()
        for sheet in book.visibleSheets {
            var grid = try sheet.grid(merged: .topLeftOnly)
            // hidden rows and columns are not on the printed form the unit signs: blanked, reported
            result.notes += XLSXImporter.blankHidden(sheet, in: &grid)
            guard MonitoringGridReader.isMonitoringForm(grid) else { continue }
            let name = sheet.name
            var reader = MonitoringGridReader(grid: grid) { r, c in
                SourceLocation(line: r + 1, sheet: name, cell: CellAddress(row: r + 1, column: c + 1).description)
            }
            append(reader.read(), reader.notes, to: &result)
        }
        return result
    }

    private static func readDocx(_ data: Data, _ limits: ReadLimits) throws -> MonitoringImportResult {
        let document = try DocxReader(limits: limits).read(data: data)
        var grid: [[String]] = []
        var origins = DocxImporter.Origins() // 第3段, 第1个表格第5行, named as the goal tables' importer names them
        for block in document.blocks {
            switch block {
            case .paragraph(let text):
                origins.start(.paragraph, at: grid.count)
                grid.append([text])
            case .table(let table):
                origins.start(.table, at: grid.count)
                grid += table.grid(merged: .topLeftOnly)
            }
        }
        var reader = MonitoringGridReader(grid: grid) { r, c in
            SourceLocation(line: r + 1, cell: "\(origins.name(ofRow: r))第\(c + 1)格")
        }
        var result = MonitoringImportResult()
        append(reader.read(), reader.notes, to: &result)
        for i in result.notes.indices { result.notes[i].message += "（Word 文档中为\(result.notes[i].location.cell ?? "")）" }
        return result
    }

    /// Pasted text: a row per line, cells split by tabs (as copied from Excel or Word) or by `|`.
    private static func readText(_ data: Data) throws(ImportError) -> MonitoringImportResult {
        let text = try TextDecoding.decode(data).text
        let grid: [[String]] = text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        ).map { line in
            if line.contains("\t") { return line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
            if line.contains("|") {
                var cells = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                if cells.first.map({ $0.allSatisfy(\.isWhitespace) }) == true { cells.removeFirst() }
                if cells.last.map({ $0.allSatisfy(\.isWhitespace) }) == true { cells.removeLast() }
                // a Markdown rule line (|---|---|) carries nothing
                if cells.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } }) { return [] }
                return cells
            }
            return [String(line)]
        }
        var reader = MonitoringGridReader(grid: grid) { r, c in SourceLocation(line: r + 1, cell: "第\(r + 1)行第\(c + 1)格") }
        var result = MonitoringImportResult()
        append(reader.read(), reader.notes, to: &result)
        return result
    }

    /// Adds one source's tables and notes, the notes' table numbers shifted to the document's.
    private static func append(_ tables: [MonitoredTable], _ notes: [ImportNote], to result: inout MonitoringImportResult) {
        let offset = result.tables.count
        result.tables += tables
        result.notes += notes.map { n in
            var n = n
            if let t = n.location.table { n.location.table = t + offset }
            return n
        }
    }
}
