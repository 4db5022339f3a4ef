import Foundation

/// An Office file's zip container, opened for reading within `ReadLimits`.
///
/// Every check a hostile file could defeat is done twice: on the sizes the zip declares (cheap,
/// before inflating anything) and on the bytes actually produced while inflating (declared
/// sizes can lie). Offsets are checked against the file by `ZipDirectory` before any read.
final class ZipPackage {
    let expected: OfficeFileKind
    private let data: Data
    private let limits: ReadLimits
    /// Reading one document may not take longer than this (`ReadLimits.maxSeconds`).
    let deadline: ContinuousClock.Instant
    /// Part names are case-insensitive in OPC; keyed lowercased, without a leading slash.
    private var entries: [String: ZipDirectory.Entry] = [:]
    private var inflatedBytes: Int64 = 0

    convenience init(url: URL, expected: OfficeFileKind, limits: ReadLimits) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { throw OfficeError.fileNotFound(path: url.path) }
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw OfficeError.unreadable(path: url.path, reason: SystemReason(error)?.text ?? error.localizedDescription)
        }
        try self.init(data: data, expected: expected, limits: limits)
    }

    init(data: Data, expected: OfficeFileKind, limits: ReadLimits) throws {
        if CompoundFile.hasMagic(data) {
            // The stream names we look for sit in the directory sectors, near the start.
            throw CompoundFile.error(for: data.prefix(Int(clamping: limits.maxUncompressedBytes)), expected: expected)
        }
        try ZipPackage.checkZipMagic(data.prefix(4), expected: expected)
        self.data = data
        self.expected = expected
        self.limits = limits
        self.deadline = ContinuousClock.now + .milliseconds(Int(limits.maxSeconds * 1000))
        let list: [ZipDirectory.Entry]
        do {
            list = try ZipDirectory.read(data, maxEntries: limits.maxParts)
        } catch let damage as ZipDirectory.Damage {
            throw OfficeError.damaged(expected: expected, detail: damage.detail)
        }
        var declaredTotal: Int64 = 0
        for entry in list where !entry.isDirectory {
            let declared = Int64(entry.uncompressedSize)
            declaredTotal += declared
            if declaredTotal > limits.maxUncompressedBytes { throw OfficeError.tooLarge(limitBytes: limits.maxUncompressedBytes) }
            if declared > limits.maxPartBytes { throw OfficeError.tooLarge(limitBytes: limits.maxPartBytes) }
            if isSuspicious(inflated: declared, compressed: entry.compressedSize) {
                throw OfficeError.suspiciousCompression(entry: entry.path)
            }
            entries[ZipPackage.key(entry.path)] = entry
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

    private func isSuspicious(inflated: Int64, compressed: Int) -> Bool {
        inflated > limits.ratioCheckThreshold
            && Double(inflated) > limits.maxCompressionRatio * Double(max(compressed, 1))
    }

    func contains(_ path: String) -> Bool { entries[ZipPackage.key(path)] != nil }

    var paths: [String] { entries.values.map(\.path) }

    /// Throws once the document has taken longer than its time budget; parsers call it as they go.
    func checkDeadline() throws {
        if ContinuousClock.now > deadline { throw OfficeError.tooSlow(seconds: limits.maxSeconds) }
    }

    /// The inflated bytes of a part, or nil when the package has no such part.
    func readIfPresent(_ path: String) throws -> Data? {
        guard let entry = entries[ZipPackage.key(path)] else { return nil }
        if entry.isEncrypted { throw OfficeError.passwordProtected }
        try checkDeadline()
        let compressed = data[(data.startIndex + entry.dataOffset)..<(data.startIndex + entry.dataOffset + entry.compressedSize)]
        var out = Data()
        // Reserve what the entry declares, but never trust a declaration with much memory.
        out.reserveCapacity(min(entry.uncompressedSize, 64 * 1_048_576))
        var crc: UInt32 = 0
        var entryBytes: Int64 = 0
        let take = { (chunk: UnsafeRawBufferPointer) throws in
            entryBytes += Int64(chunk.count)
            self.inflatedBytes += Int64(chunk.count)
            if self.inflatedBytes > self.limits.maxUncompressedBytes {
                throw OfficeError.tooLarge(limitBytes: self.limits.maxUncompressedBytes)
            }
            if entryBytes > self.limits.maxPartBytes { throw OfficeError.tooLarge(limitBytes: self.limits.maxPartBytes) }
            if self.isSuspicious(inflated: entryBytes, compressed: entry.compressedSize) {
                throw OfficeError.suspiciousCompression(entry: entry.path)
            }
            crc = ZipInflater.crc32(crc, chunk)
            out.append(contentsOf: chunk)
        }
        switch entry.method {
        case 0:
            try compressed.withUnsafeBytes { try take($0) }
        case 8:
            do {
                try ZipInflater.inflate(compressed, deadline: deadline, consume: take)
            } catch ZipInflater.Failure.deadline {
                throw OfficeError.tooSlow(seconds: limits.maxSeconds)
            } catch is ZipInflater.Failure {
                throw OfficeError.damaged(expected: expected, detail: "“\(entry.path)”无法解压")
            }
        default:
            throw OfficeError.damaged(expected: expected, detail: "“\(entry.path)”使用了不支持的压缩方式 \(entry.method)")
        }
        guard crc == entry.crc32 else {
            throw OfficeError.damaged(expected: expected, detail: "“\(entry.path)”的校验和不符")
        }
        return out
    }

    func read(_ path: String) throws -> Data {
        guard let data = try readIfPresent(path) else { throw OfficeError.missingPart(path: path) }
        return data
    }
}
