import Foundation
import OfficeXML

/// Which files a unit may attach as 佐证材料 and why another is refused, in words the unit can act on.
/// The type is decided by the bytes (`FileSniffer`), and the name's extension must agree with them: a
/// program renamed `发放清单.pdf` is refused as what it is, and so is a picture named `.xlsx`, which
/// finance could not open as the name promises. Nothing here stores anything: the app stores what passes.
public enum EvidenceCheck {
    /// The kinds accepted, with the extensions each may carry and the words for it.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case pdf, png, jpeg, xlsx, docx, zip

        public var extensions: [String] {
            switch self {
            case .jpeg: return ["jpg", "jpeg"]
            default: return [rawValue]
            }
        }

        public var label: String {
            switch self {
            case .pdf: return "PDF 文件"
            case .png: return "PNG 图片"
            case .jpeg: return "JPEG 图片"
            case .xlsx: return "Excel 工作簿（.xlsx）"
            case .docx: return "Word 文档（.docx）"
            case .zip: return "ZIP 压缩包"
            }
        }

        public var contentType: String {
            switch self {
            case .pdf: return "application/pdf"
            case .png: return "image/png"
            case .jpeg: return "image/jpeg"
            case .xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            case .docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            case .zip: return "application/zip"
            }
        }
    }

    /// Entries a zip of evidence may not hold: programs and scripts that run when opened.
    static let runnable: Set<String> = ["exe", "com", "bat", "cmd", "scr", "msi", "ps1", "vbs", "js", "jar", "sh", "dll", "lnk"]

    /// The words the page prints beside the file field.
    public static func accepted(maxBytes: Int) -> String {
        "可上传 PDF、图片（PNG/JPG）、Excel（.xlsx）、Word（.docx）或 ZIP 压缩包，单个文件不超过\(size(maxBytes))。"
    }

    /// The kind of an acceptable file, or the reason it is refused.
    public static func check(_ data: Data, name: String, maxBytes: Int) -> Result<Kind, Refusal> {
        let shown = "“\(name)”"
        guard !data.isEmpty else { return .failure(Refusal("文件\(shown)是空文件（0 字节），未保存。")) }
        guard data.count <= maxBytes else {
            return .failure(Refusal("文件\(shown)大小为\(size(data.count))，超过佐证材料单个文件上限\(size(maxBytes))，未保存。请压缩或拆分后再上传。"))
        }
        let ext = (name as NSString).pathExtension.lowercased()
        guard let sniffed = FileSniffer.kind(of: data) else {
            return .failure(Refusal("文件\(shown)不是可接受的佐证材料格式，未保存。" + accepted(maxBytes: maxBytes)))
        }
        guard sniffed != .executable else {
            return .failure(Refusal("文件\(shown)的内容是可执行程序，不是\(ext.isEmpty ? "文档" : "." + ext + " 文件")，已拒收，未保存。"))
        }
        guard let kind = Kind(rawValue: sniffed.rawValue) else {
            return .failure(Refusal("文件\(shown)不是可接受的佐证材料格式，未保存。" + accepted(maxBytes: maxBytes)))
        }
        guard kind.extensions.contains(ext) else {
            return .failure(
                Refusal("文件\(shown)的内容是\(kind.label)，与扩展名“.\(ext)”不符，未保存。请改正扩展名（.\(kind.extensions[0])）后再上传。"))
        }
        if kind == .zip {
            let paths = FileSniffer.zipPaths(data) ?? []
            if let bad = paths.first(where: { runnable.contains(($0 as NSString).pathExtension.lowercased()) }) {
                return .failure(Refusal("压缩包\(shown)中含有可执行文件“\(bad)”，已拒收，未保存。"))
            }
        }
        return .success(kind)
    }

    /// `1.5 MB`, `320 KB`, `12 字节`.
    public static func size(_ bytes: Int) -> String {
        if bytes >= 1024 * 1024 { return ArithmeticWords.trimmed(Double(bytes) / 1024 / 1024) + " MB" }
        if bytes >= 1024 { return ArithmeticWords.trimmed(Double(bytes) / 1024) + " KB" }
        return "\(bytes) 字节"
    }

    public struct Refusal: Error, Sendable, Equatable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }
}

/// One decimal without a trailing `.0`.
enum ArithmeticWords {
    static func trimmed(_ x: Double) -> String {
        let s = String(format: "%.1f", x)
        return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
    }
}
