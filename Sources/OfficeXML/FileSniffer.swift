import Foundation

/// What a file is by its bytes, not by its name: an uploaded `报告.pdf` may be anything. Reads the first
/// bytes (PDF, PNG, JPEG, executables) and, for a zip, its central directory with our own bounded reader
/// (`ZipDirectory`), so an .xlsx or .docx is recognised by the parts Office requires and a zip by what it holds.
public enum FileSniffer {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case pdf, png, jpeg, xlsx, docx, zip
        /// A program: Windows (MZ), Linux (ELF), macOS (Mach-O), or a script with `#!`.
        case executable
    }

    /// What the bytes are; nil when none of the kinds above. A zip whose directory cannot be read is nil.
    public static func kind(of data: Data) -> Kind? {
        let head = [UInt8](data.prefix(8))
        func starts(_ bytes: [UInt8]) -> Bool { head.count >= bytes.count && Array(head.prefix(bytes.count)) == bytes }
        if starts([0x4D, 0x5A]) || starts([0x7F, 0x45, 0x4C, 0x46]) || starts([0x23, 0x21]) { return .executable }
        for magic: [UInt8] in [
            [0xFE, 0xED, 0xFA, 0xCE], [0xFE, 0xED, 0xFA, 0xCF], [0xCE, 0xFA, 0xED, 0xFE], [0xCF, 0xFA, 0xED, 0xFE],
        ]
        where starts(magic) {
            return .executable
        }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) {
            guard let paths = zipPaths(data) else { return nil }
            let parts = Set(paths)
            guard parts.contains("[Content_Types].xml") else { return .zip }
            if parts.contains("xl/workbook.xml") { return .xlsx }
            if parts.contains("word/document.xml") { return .docx }
            return .zip
        }
        return nil
    }

    /// The paths in a zip's directory, or nil when it cannot be read (damaged, or more than 10,000 entries).
    public static func zipPaths(_ data: Data) -> [String]? {
        (try? ZipDirectory.read(data, maxEntries: 10_000))?.map(\.path)
    }
}
