import Foundation
import GoalCore

/// Turns the bytes of a pasted or saved text file into a String, recognising the encodings
/// Chinese office files really come in: UTF-8 (with or without BOM), UTF-16 (Windows "Unicode"),
/// and GB18030/GBK (Windows "ANSI" on a Chinese system).
public enum TextDecoding {
    public struct Decoded: Sendable {
        public var text: String
        /// Named for the user when it is not plain UTF-8.
        public var encoding: String
    }

    /// GB18030 as Foundation knows it on Linux and macOS (kCFStringEncodingGB_18030_2000).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    public static func decode(_ data: Data) throws(ImportError) -> Decoded {
        if data.isEmpty { throw ImportError("文件是空的，没有可读取的内容。") }
        let bytes = [UInt8](data.prefix(4))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return Decoded(text: String(decoding: data.dropFirst(3), as: UTF8.self), encoding: "UTF-8")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            if let s = String(data: data, encoding: .utf16) { return Decoded(text: s, encoding: "UTF-16") }
            throw ImportError("文件标记为 UTF-16 编码，但内容不完整或已损坏，无法读取。")
        }
        if let zipOrOffice = officeSignature(data) { throw ImportError(zipOrOffice) }
        if let utf16 = utf16WithoutBOM(data) { return Decoded(text: utf16, encoding: "UTF-16") }
        if let s = String(validatingUTF8: data) {
            try rejectBinary(s)
            return Decoded(text: s, encoding: "UTF-8")
        }
        if let s = String(data: data, encoding: gb18030), plausibleChinese(s) {
            try rejectBinary(s)
            return Decoded(text: s, encoding: "GB18030")
        }
        throw ImportError("无法识别文件的文字编码（不是 UTF-8、UTF-16 或 GB18030），可能是二进制文件。请在 Word/WPS 中另存为“纯文本（UTF-8）”后再导入。")
    }

    /// Where the text of a UTF-8 file starts (3 after a byte-order mark, else 0), when the file
    /// carries no sign of another encoding or of a binary format: the cheap tests `decode` makes
    /// first, without decoding anything. Whether the bytes really are UTF-8 is left to the caller.
    static func utf8Start(_ data: Data) -> Int? {
        guard !data.isEmpty else { return nil }
        let bytes = [UInt8](data.prefix(4))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return 3 }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }
        if officeSignature(data) != nil || utf16ByteOrder(data) != nil { return nil }
        return 0
    }

    /// Zip (xlsx/docx) or OLE2 (xls/doc) content handed to the text importer.
    static func officeSignature(_ data: Data) -> String? {
        let b = [UInt8](data.prefix(8))
        if b.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return "这是一个 Office 压缩文件（.xlsx 或 .docx），不是纯文本；请按 .xlsx/.docx 导入。"
        }
        if b.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return "这是 Office 二进制文件，但不是可读取的 Excel 工作簿（.xls/.et）；请在 Excel/WPS/Word 中另存为 .xlsx 或 .docx 后再导入。"
        }
        if b.starts(with: [0x25, 0x50, 0x44, 0x46]) {
            return "这是 PDF 文件；请在 PDF 阅读器中复制表格文字后粘贴导入，或另存为文本。"
        }
        return nil
    }

    /// UTF-16 without a BOM: every other byte zero for ASCII-heavy text.
    private static func utf16WithoutBOM(_ data: Data) -> String? {
        utf16ByteOrder(data).flatMap { String(data: data, encoding: $0) }
    }

    /// The byte order of UTF-16 without a BOM, judged on the first 4 KB.
    private static func utf16ByteOrder(_ data: Data) -> String.Encoding? {
        guard data.count >= 4, data.count % 2 == 0 else { return nil }
        let sample = data.prefix(4096)
        var evenZero = 0, oddZero = 0
        for (i, b) in sample.enumerated() where b == 0 { if i % 2 == 0 { evenZero += 1 } else { oddZero += 1 } }
        let half = sample.count / 2
        if oddZero > half / 3 && evenZero == 0 { return .utf16LittleEndian }
        if evenZero > half / 3 && oddZero == 0 { return .utf16BigEndian }
        return nil
    }

    /// GB18030 decodes almost any byte string; accept it only when it yields mostly CJK and ASCII.
    private static func plausibleChinese(_ s: String) -> Bool {
        var cjk = 0, ascii = 0, other = 0
        for u in s.unicodeScalars.prefix(20000) {
            if u.isASCII {
                ascii += 1
            } else if (0x4E00...0x9FFF).contains(u.value) || (0x3000...0x303F).contains(u.value)
                || (0xFF00...0xFFEF).contains(u.value)
            {
                cjk += 1
            } else {
                other += 1
            }
        }
        return cjk > 0 && other * 10 < cjk
    }

    /// Text full of control characters is a binary file that happened to be valid UTF-8.
    private static func rejectBinary(_ s: String) throws(ImportError) {
        if PlainText.withUTF8(s, { looksBinary($0) }) { throw binaryError }
    }

    static let binaryError = ImportError("文件中含有大量不可见的控制字符，像是二进制文件而不是表格文字，已停止读取。")

    /// Whether more than 1 in 20 of the first 65,536 scalars of valid UTF-8 are control characters
    /// other than tab and line breaks. Counted on the bytes: a scalar starts at every byte that does
    /// not continue a sequence, and control characters are single bytes.
    static func looksBinary(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var control = 0, total = 0
        for b in u where b & 0xC0 != 0x80 {
            total += 1
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { control += 1 }
            if total == 65536 { break }
        }
        return total > 0 && control * 20 > total
    }
}

private extension String {
    init?(validatingUTF8 data: Data) {
        // validating, not decoding: decoding would replace bad bytes silently
        guard let s = String(validating: data, as: UTF8.self) else { return nil }
        self = s
    }
}
