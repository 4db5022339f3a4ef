import Foundation

/// A plain zip of named files (a pack of documents), deflated, each name flagged as UTF-8 so that Windows'
/// Explorer, WinRAR, 7-Zip and macOS show Chinese names as written rather than as GBK mojibake.
public enum ZipWriter {
    public static func data(_ files: [(path: String, data: Data)]) throws -> Data {
        try PackageWriter.data(parts: files.map { ($0.path, [UInt8]($0.data)) })
    }
}
