import Foundation
import GoalCore

/// The formats a table is written in, one list for the command line (`jixiao convert -o x.xlsx`) and
/// the web app (导出): interchange JSON, the official-layout .xlsx, CSV, and the A4 HTML print view.
public enum ExportFormat: String, CaseIterable, Sendable {
    case json, xlsx, csv, html

    public var fileExtension: String { rawValue }

    public var contentType: String {
        switch self {
        case .json: return "application/json; charset=utf-8"
        case .xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .csv: return "text/csv; charset=utf-8"
        case .html: return "text/html; charset=utf-8"
        }
    }

    /// The format `--format` names, else the output file's extension; JSON for standard output or no extension.
    public static func choose(format: String?, output: String?) throws(ImportError) -> ExportFormat {
        let toStdout = output == nil || output == "-"
        // A name without an extension (`-o /dev/null`, `-o result`) gets JSON, as before other formats existed.
        let ext = toStdout ? "" : URL(fileURLWithPath: output ?? "").pathExtension.lowercased()
        let name = format ?? (ext.isEmpty ? "json" : ext)
        let aliases: [String: ExportFormat] = ["htm": .html, "xlsm": .xlsx, "print": .html]
        guard let f = ExportFormat(rawValue: name.lowercased()) ?? aliases[name.lowercased()] else {
            throw ImportError("不支持的输出格式“\(name)”。请用 .json、.xlsx、.csv 或 .html 作为输出文件扩展名（或 --format 指定）。")
        }
        // A workbook is binary: written to a terminal or pipe it would only garble the screen.
        if f == .xlsx && toStdout { throw ImportError("Excel 文件不能输出到标准输出，请用 -o 指定 .xlsx 文件。") }
        return f
    }

    /// The file. JSON always carries indicator ids (made here for tables read from other formats).
    public func data(_ tables: [GoalTable]) throws(ImportError) -> Data {
        switch self {
        case .json:
            var writer = InterchangeWriter()
            var out: [UInt8] = []
            for part in writer.add(tables) { out += part }
            return Data(out + writer.end())
        case .xlsx:
            return try XLSXExporter.data(tables)
        case .csv: return CSVExporter.data(tables)
        case .html: return HTMLPrintView.data(tables)
        }
    }
}

/// Interchange JSON as `ExportFormat.json` writes it, made a run of tables at a time: the runs' bytes
/// joined are the document's, so a large import can be written as it is read (`jixiao convert`).
public struct InterchangeWriter: Sendable {
    /// The tables written so far.
    public private(set) var tables = 0

    public init() {}

    /// The bytes of the next run, in parts to be written in order, the document's opening first if
    /// this is the first run. Tables carry indicator ids in JSON (made here for tables read from other
    /// formats).
    public mutating func add(_ run: [GoalTable]) -> [[UInt8]] {
        guard !run.isEmpty else { return [] }
        defer { tables += run.count }
        let body = GoalDocument.encoded(run.map { $0.withIndicatorIDs() }, first: tables == 0)
        return tables == 0 ? [GoalDocument.encodedHead()] + body : body
    }

    /// The document's closing bytes (the whole document when no table was added).
    public func end() -> [UInt8] {
        (tables == 0 ? Array(GoalDocument(tables: []).encoded()) : GoalDocument.encodedTail) + Array("\n".utf8)
    }
}
