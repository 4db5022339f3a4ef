import Foundation
import ZIPFoundation

/// An Office file's zip container, opened for reading within `ReadLimits`.
///
/// Every check a hostile file could defeat is done twice: on the sizes the zip declares (cheap,
/// before inflating anything) and on the bytes actually produced while inflating (declared
/// sizes can lie).
final class ZipPackage {
    let expected: OfficeFileKind
    private let archive: Archive
    private let limits: ReadLimits
    /// Part names are case-insensitive in OPC; keyed lowercased, without a leading slash.
    private var entries: [String: Entry] = [:]
    private var inflatedBytes: Int64 = 0

    convenience init(url: URL, expected: OfficeFileKind, limits: ReadLimits) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { throw OfficeError.fileNotFound(path: url.path) }
        let header: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            header = try handle.read(upToCount: 8) ?? Data()
        } catch {
            throw OfficeError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        if CompoundFile.hasMagic(header) {
            // Read at most the size limit: the stream names we look for sit in the directory sectors.
            let handle = try? FileHandle(forReadingFrom: url)
            let body = (try? handle?.read(upToCount: Int(limits.maxUncompressedBytes))) ?? nil
            try? handle?.close()
            throw CompoundFile.error(for: body ?? header, expected: expected)
        }
        try ZipPackage.checkZipMagic(header, expected: expected)
        try self.init(archive: ZipPackage.open(expected) { try Archive(url: url, accessMode: .read) }, expected: expected, limits: limits)
    }

    convenience init(data: Data, expected: OfficeFileKind, limits: ReadLimits) throws {
        if CompoundFile.hasMagic(data) { throw CompoundFile.error(for: data, expected: expected) }
        try ZipPackage.checkZipMagic(data.prefix(4), expected: expected)
        try self.init(archive: ZipPackage.open(expected) { try Archive(data: data, accessMode: .read) }, expected: expected, limits: limits)
    }

    private init(archive: Archive, expected: OfficeFileKind, limits: ReadLimits) throws {
        self.archive = archive
        self.expected = expected
        self.limits = limits
        var declaredTotal: Int64 = 0
        for entry in archive where entry.type == .file {
            if entries.count >= limits.maxParts { throw OfficeError.tooManyParts(limit: limits.maxParts) }
            let declared = Int64(clamping: entry.uncompressedSize)
            declaredTotal += declared
            if declaredTotal > limits.maxUncompressedBytes { throw OfficeError.tooLarge(limitBytes: limits.maxUncompressedBytes) }
            if isSuspicious(inflated: declared, compressed: entry.compressedSize) {
                throw OfficeError.suspiciousCompression(entry: entry.path)
            }
            entries[ZipPackage.key(entry.path)] = entry
        }
    }

    /// A zip whose directory cannot be read is almost always a file cut short.
    private static func open(_ expected: OfficeFileKind, _ make: () throws -> Archive) throws -> Archive {
        do {
            return try make()
        } catch {
            throw OfficeError.damaged(expected: expected, detail: "无法读取 zip 目录")
        }
    }

    /// Whether the data starts as a zip does (a package with entries, or an empty one).
    static func hasMagic(_ header: Data) -> Bool {
        let bytes = Array(header.prefix(4))
        return bytes.count == 4 && bytes[0] == 0x50 && bytes[1] == 0x4B
            && ((bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6))
    }

    private static func checkZipMagic(_ header: Data, expected: OfficeFileKind) throws {
        // PK\3\4 starts a zip with entries; PK\5\6 is an empty one (still not an Office file, but damaged).
        guard hasMagic(header) else { throw OfficeError.notOfficeFile(expected: expected) }
    }

    private static func key(_ path: String) -> String {
        (path.hasPrefix("/") ? String(path.dropFirst()) : path).lowercased()
    }

    private func isSuspicious(inflated: Int64, compressed: UInt64) -> Bool {
        inflated > limits.ratioCheckThreshold
            && Double(inflated) > limits.maxCompressionRatio * Double(max(compressed, 1))
    }

    func contains(_ path: String) -> Bool { entries[ZipPackage.key(path)] != nil }

    var paths: [String] { entries.values.map(\.path) }

    /// The inflated bytes of a part, or nil when the package has no such part.
    func readIfPresent(_ path: String) throws -> Data? {
        guard let entry = entries[ZipPackage.key(path)] else { return nil }
        var data = Data()
        // Reserve what the entry declares, but never trust a declaration with much memory.
        data.reserveCapacity(Int(min(Int64(clamping: entry.uncompressedSize), 64 * 1_048_576)))
        var entryBytes: Int64 = 0
        do {
            _ = try archive.extract(entry, bufferSize: 256 * 1024, skipCRC32: false) { chunk in
                entryBytes += Int64(chunk.count)
                self.inflatedBytes += Int64(chunk.count)
                if self.inflatedBytes > self.limits.maxUncompressedBytes {
                    throw OfficeError.tooLarge(limitBytes: self.limits.maxUncompressedBytes)
                }
                if self.isSuspicious(inflated: entryBytes, compressed: entry.compressedSize) {
                    throw OfficeError.suspiciousCompression(entry: entry.path)
                }
                data.append(chunk)
            }
        } catch let error as OfficeError {
            throw error
        } catch {
            throw OfficeError.damaged(expected: expected, detail: "“\(entry.path)”无法解压")
        }
        return data
    }

    func read(_ path: String) throws -> Data {
        guard let data = try readIfPresent(path) else { throw OfficeError.missingPart(path: path) }
        return data
    }
}
