import Foundation

/// Recognises OLE2 compound files (CFB), the container of .xls, .doc and of password-protected
/// .xlsx/.docx, so that each gets its own advice instead of "not a zip". `XLSReader` reads the
/// container for real (`CompoundFileReader`); this only names what a file holds.
enum CompoundFile {
    static let magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    static func hasMagic(_ header: Data) -> Bool {
        header.count >= 8 && header.prefix(8).elementsEqual(magic)
    }

    /// Says what the container holds from the names of its streams.
    ///
    /// Stream names live in the directory sectors as UTF-16LE; looking for them in the bytes is
    /// enough to tell the kinds apart and avoids walking the FAT chains of a file we will reject.
    static func error(for data: Data, expected: OfficeFileKind) -> OfficeError {
        func has(_ name: String) -> Bool {
            var needle = Data()
            for unit in name.utf16 {
                needle.append(UInt8(unit & 0xFF))
                needle.append(UInt8(unit >> 8))
            }
            return data.range(of: needle) != nil
        }
        if has("EncryptionInfo") || has("EncryptedPackage") { return .passwordProtected }
        if has("WordDocument") { return .legacyWord }
        // An .xls given where an .xlsx or .docx was expected: say so, and the caller (or the
        // user) can take it to `XLSReader`.
        if has("Workbook") || has("Book") {
            return expected == .xls ? .damaged(expected: .xls, detail: "无法读取文件结构") : .wrongKind(expected: expected, found: .xls)
        }
        return .legacyBinary(expected: expected)
    }
}
