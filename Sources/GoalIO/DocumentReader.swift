import Foundation
import GoalCore

/// Reads goal tables from any supported source, choosing the importer by content and extension.
/// The CLI, the web app and the tests all come through here.
public enum DocumentReader {
    /// Reads a file. `name` (a file name or extension) helps choose the format; the content decides.
    public static func read(data: Data, name: String = "") throws(ImportError) -> ImportResult {
        let ext = (name as NSString).pathExtension.lowercased()
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

    static func looksLikeJSON(_ data: Data) -> Bool {
        for b in data.prefix(64) {
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0xEF || b == 0xBB || b == 0xBF { continue }
            return b == UInt8(ascii: "{")
        }
        return false
    }
}
