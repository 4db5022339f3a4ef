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
        // Office content first: a workbook saved under a .json or .txt name is still a workbook.
        if isZipOrOLE(data) { return try readOffice(data, ext: ext, limits: limits) }
        if ext == "json" || looksLikeJSON(data) {
            do {
                let doc = try GoalDocument.decode(data)
                return ImportResult(tables: doc.tables)
            } catch {
                throw ImportError("JSON 文件无法读取：\(error.description)")
            }
        }
        if ["xlsx", "xlsm", "docx", "xls", "doc", "et", "wps"].contains(ext), TextDecoding.officeSignature(data) == nil {
            throw ImportError("文件扩展名是 .\(ext)，但内容不是该格式（文件可能已损坏或被改了扩展名）。")
        }
        let result = try TextTableReader.read(data: data)
        return result
    }

    public static func read(contentsOf url: URL) throws(ImportError) -> ImportResult {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ImportError("无法打开文件“\(url.path)”：文件不存在或没有读取权限")
        }
        return try read(data: data, name: url.lastPathComponent)
    }

    /// Zip (.xlsx/.docx) or OLE2 (.xls/.doc, or a password-protected .xlsx/.docx) content.
    static func isZipOrOLE(_ data: Data) -> Bool {
        let b = [UInt8](data.prefix(8))
        return b.starts(with: [0x50, 0x4B, 0x03, 0x04]) || b.starts(with: [0x50, 0x4B, 0x05, 0x06])
            || b.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    }

    /// Chooses the Office reader by what the zip holds, not by the name: the reader tried first
    /// (Word for a `.doc`/`.docx` name, Excel otherwise) says when the package is the other kind,
    /// and the other reader takes it. A .docx named .xlsx still imports.
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

    private static func readXLSX(_ data: Data, _ limits: ReadLimits) throws -> ImportResult {
        try XLSXImporter.read(XLSXReader(limits: limits).read(data: data))
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
