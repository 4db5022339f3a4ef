import Foundation

/// The string forms of BIFF records. BIFF8 (Excel 97 and later, and WPS) stores Unicode strings
/// with a flag byte; BIFF5/7 (Excel 95) stores bytes in the workbook's code page.
enum BIFFStrings {
    /// A BIFF8 string: a character count of `countBytes` bytes (1 or 2), a flag byte, the
    /// characters, and — for shared strings — formatting runs and phonetic data that are skipped.
    static func unicode(_ cursor: inout ContinuedCursor, countBytes: Int) throws(ShortRead) -> String {
        let count = countBytes == 1 ? try cursor.u8() : try cursor.u16()
        let flags = try cursor.u8()
        let runs = flags & 0x08 != 0 ? try cursor.u16() : 0
        let phonetic = flags & 0x04 != 0 ? Int(Int32(bitPattern: try cursor.u32())) : 0
        guard phonetic >= 0 else { throw ShortRead() }
        let text = try cursor.characters(count, compressed: flags & 0x01 == 0)
        try cursor.skip(runs * 4)
        try cursor.skip(phonetic)
        return text
    }

    /// A string of a single record (LABEL, BOUNDSHEET, FORMAT): BIFF8 Unicode or BIFF5 bytes.
    static func read(_ data: LittleEndianBytes, at offset: Int, countBytes: Int, biff8: Bool, codePage: Int) throws(ShortRead)
        -> String
    {
        guard data.has(offset, 0) else { throw ShortRead() }
        let from = data.start + offset
        let slice = Array(data.bytes[from..<(data.start + data.count)])
        var cursor = ContinuedCursor(ContinuedBytes(bytes: slice))
        if biff8 { return try unicode(&cursor, countBytes: countBytes) }
        let count = countBytes == 1 ? try cursor.u8() : try cursor.u16()
        guard count <= slice.count - cursor.position else { throw ShortRead() }
        return decode(slice[cursor.position..<(cursor.position + count)], codePage: codePage)
    }

    /// Bytes in a Windows code page, as the CODEPAGE record names it. Chinese Excel 95 files use 936.
    static func decode(_ bytes: ArraySlice<UInt8>, codePage: Int) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if let encoding = encoding(codePage), let text = String(bytes: bytes, encoding: encoding) { return text }
        // An unknown code page: Latin-1 keeps every byte visible rather than losing the cell.
        return String(decoding: bytes.map { UInt16($0) }, as: UTF16.self)
    }

    private static func encoding(_ codePage: Int) -> String.Encoding? {
        switch codePage {
        case 936: return String.Encoding(rawValue: 0x8000_0632) // GB18030, a superset of GBK
        case 950: return String.Encoding(rawValue: 0x8000_0A03) // Big5
        case 949: return String.Encoding(rawValue: 0x8000_0422) // Korean (Unified Hangul)
        case 932: return .shiftJIS
        case 1250: return .windowsCP1250
        case 1251: return .windowsCP1251
        case 1252, 32769: return .windowsCP1252
        case 1253: return .windowsCP1253
        case 1254: return .windowsCP1254
        case 10000, 32768: return .macOSRoman
        case 367, 20127: return .ascii
        case 65001: return .utf8
        default: return nil
        }
    }
}
