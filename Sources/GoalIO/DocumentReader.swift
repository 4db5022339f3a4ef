import Foundation
import GoalCore
import OfficeXML

/// Reads goal tables from any supported source, choosing the importer by content and extension.
/// The CLI, the web app and the tests all come through here.
public enum DocumentReader {
    /// Reads a file. `name` (a file name or extension) helps choose the format; the content decides.
    /// `limits` bound what an Office file may cost to read (`ReadLimits.upload` for the server).
    /// Ids of interchange JSON are kept; other formats carry none, and whoever stores or writes the
    /// result gives them (`GoalTable.withIndicatorIDs`): the reader's answer stays a function of the file.
    public static func read(data: Data, name: String = "", limits: ReadLimits = .default) throws(ImportError) -> ImportResult {
        let ext = (name as NSString).pathExtension.lowercased()
        switch kind(of: data, ext: ext) {
        case .office: return try readOffice(data, ext: ext, limits: limits)
        case .json:
            do {
                let doc = try GoalDocument.decode(data)
                return ImportResult(tables: doc.tables)
            } catch {
                throw ImportError("JSON 文件无法读取：\(error.description)")
            }
        case .misnamed:
            throw ImportError("文件扩展名是 .\(ext)，但内容不是该格式（文件可能已损坏或被改了扩展名）。")
        case .text: return try TextTableReader.read(data: data)
        }
    }

    /// Reads as `read(data:name:limits:)` does, handing the tables and notes to `each` a run at a
    /// time, in order: a large UTF-8 text is read a few pieces at a time, and its tables can be written
    /// out and let go before the rest are read (`jixiao convert` of a paste of many megabytes, issue
    /// #23). A note's table is counted from the file's first. Anything else is read whole, one run.
    public static func read(
        data: Data, name: String = "", limits: ReadLimits = .default, inRuns each: (ImportResult) throws -> Void
    ) throws {
        let ext = (name as NSString).pathExtension.lowercased()
        if kind(of: data, ext: ext) == .text, try TextTableReader.readLargeUTF8(data, inRuns: each) { return }
        try each(read(data: data, name: name, limits: limits))
    }

    /// What a file is taken for, decided in one place for both readings.
    enum Kind { case office, json, misnamed, text }

    /// Office content first: a workbook saved under a .json or .txt name is still a workbook. Then JSON
    /// (by name or content), then content under an Office name that is not Office (refused), then text.
    static func kind(of data: Data, ext: String) -> Kind {
        if isZipOrOLE(data) { return .office }
        if ext == "json" || looksLikeJSON(data) { return .json }
        if officeExtensions.contains(ext), TextDecoding.officeSignature(data) == nil { return .misnamed }
        return .text
    }

    /// The extensions of Office files: content under one of these names that is not Office is refused.
    static let officeExtensions: Set<String> = ["xlsx", "xlsm", "docx", "xls", "doc", "et", "wps"]

    public static func read(contentsOf url: URL) throws(ImportError) -> ImportResult {
        try read(data: bytes(contentsOf: url), name: url.lastPathComponent)
    }

    /// A file's bytes, or why they cannot be had.
    public static func bytes(contentsOf url: URL) throws(ImportError) -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw ImportError("无法打开文件“\(url.path)”：文件不存在或没有读取权限")
        }
    }

    /// Zip (.xlsx/.docx) or OLE2 (.xls/.doc, or a password-protected .xlsx/.docx) content.
    static func isZipOrOLE(_ data: Data) -> Bool {
        let b = [UInt8](data.prefix(8))
        return b.starts(with: [0x50, 0x4B, 0x03, 0x04]) || b.starts(with: [0x50, 0x4B, 0x05, 0x06])
            || b.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    }

    /// Chooses the Office reader by what the file holds, not by the name: the reader tried first
    /// (Word for a `.doc`/`.docx` name, Excel otherwise) says when the file is the other kind,
    /// and the other reader takes it. A .docx named .xlsx, or an .xls named .doc, still imports.
    static func readOffice(_ data: Data, ext: String, limits: ReadLimits = .default) throws(ImportError) -> ImportResult {
        let wordFirst = ["docx", "doc", "wps", "docm"].contains(ext)
        do {
            do {
                return wordFirst ? try readDocx(data, limits) : try readXLSX(data, limits)
            } catch OfficeError.wrongKind(expected: _, found: let found) {
                return found == .docx ? try readDocx(data, limits) : try readXLSX(data, limits)
            }
        } catch OfficeError.legacyBinary {
            // An OLE2 file that is neither Excel's nor Word's streams: name the old formats generally.
            throw ImportError(TextDecoding.officeSignature(data) ?? OfficeError.legacyBinary(expected: .xlsx).message)
        } catch let e as OfficeError {
            throw ImportError(e.message)
        } catch let e as ImportError {
            throw e
        } catch {
            throw ImportError("无法读取 Office 文件：\(error)")
        }
    }

    /// .xlsx, .xls and WPS .et alike: `WorkbookReader` judges by content, and every workbook goes
    /// through the same grid importer.
    private static func readXLSX(_ data: Data, _ limits: ReadLimits) throws -> ImportResult {
        try XLSXImporter.read(WorkbookReader(limits: limits).read(data: data))
    }

    private static func readDocx(_ data: Data, _ limits: ReadLimits) throws -> ImportResult {
        DocxImporter.read(try DocxReader(limits: limits).read(data: data))
    }

    static func looksLikeJSON(_ data: Data) -> Bool {
        for b in data.prefix(64) {
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0xEF || b == 0xBB || b == 0xBF { continue }
            return b == UInt8(ascii: "{")
        }
        return false
    }
}
