import Foundation
import ZIPFoundation

/// Zips the parts of an Office file, deflated, in the order given
/// (`[Content_Types].xml` first, as Office itself writes it, unless a `Spool` holds parts already).
///
/// The zip is always built in a file: ZIPFoundation's `Archive` deflates each part into it as the part
/// is added, so a caller that makes its parts one at a time holds one part in memory, not the whole
/// file. Every temporary file is removed on every path, success or throw.
enum PackageWriter {
    /// Where the parts go while a package is written: each `add` deflates one part into the file.
    struct Sink {
        fileprivate let archive: Archive

        func add(path: String, bytes: [UInt8]) throws {
            // A fixed date keeps output identical for identical input.
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count),
                modificationDate: PackageWriter.date, compressionMethod: .deflate,
                bufferSize: 256 * 1024
            ) { position, size in
                let start = Int(position)
                return bytes.withUnsafeBufferPointer { Data(buffer: UnsafeBufferPointer(rebasing: $0[start..<(start + size)])) }
            }
        }
    }

    /// Parts deflated into a temporary zip of their own before the rest of the package is known: a
    /// workbook's sheets, each added as the sheet is, so the writer keeps neither their cells nor their
    /// XML. Writing the package copies this file and adds the remaining parts to the copy, so the spool
    /// can be written more than once. Its file is removed when the last owner lets it go.
    final class Spool: @unchecked Sendable {
        let url: URL
        private let archive: Archive
        /// Set when an add failed: the file may then hold half a part, and is not written out.
        private(set) var isDamaged = false

        init(in directory: URL, copying other: Spool? = nil) throws {
            let url = directory.appendingPathComponent("jixiao-\(UUID().uuidString).zip.tmp")
            self.url = url
            do {
                archive = try PackageWriter.officeErrors(url) {
                    try other.map { try PackageWriter.archive(at: url, copying: $0) } ?? Archive(url: url, accessMode: .create)
                }
            } catch {
                // deinit does not run for an object that was never made
                try? FileManager.default.removeItem(at: url)
                throw error
            }
        }

        /// A spool of its own for a writer that was copied (a workbook is a value).
        func copy() throws -> Spool { try Spool(in: url.deletingLastPathComponent(), copying: self) }

        func add(path: String, bytes: [UInt8]) throws {
            guard !isDamaged else { throw OfficeError.writeFailed(detail: "暂存的工作表文件已损坏") }
            do {
                try PackageWriter.officeErrors(url) { try Sink(archive: archive).add(path: path, bytes: bytes) }
            } catch {
                isDamaged = true
                throw error
            }
        }

        deinit { try? FileManager.default.removeItem(at: url) }
    }

    private static let date = Date(timeIntervalSince1970: 1_704_067_200)

    static func data(parts: [(path: String, bytes: [UInt8])]) throws -> Data {
        try data { sink in
            for part in parts { try sink.add(path: part.path, bytes: part.bytes) }
        }
    }

    /// The finished zip as bytes, for callers that want `Data`: built in a file under `directory`
    /// (after the spool's parts, if any), read back, and the file removed.
    static func data(
        in directory: URL = FileManager.default.temporaryDirectory, after spool: Spool? = nil,
        _ produce: (Sink) throws -> Void
    ) throws -> Data {
        let temporary = directory.appendingPathComponent("jixiao-\(UUID().uuidString).zip.tmp")
        defer { try? FileManager.default.removeItem(at: temporary) }
        return try officeErrors(temporary) {
            try build(at: temporary, after: spool, produce)
            return try Data(contentsOf: temporary)
        }
    }

    static func write(parts: [(path: String, bytes: [UInt8])], to url: URL) throws {
        try write(to: url) { sink in
            for part in parts { try sink.add(path: part.path, bytes: part.bytes) }
        }
    }

    /// Writes next to the destination first and then replaces it, so that a failed write never
    /// leaves a half-written file where the user's old one was. A device or a pipe gets the bytes
    /// of a finished temporary file instead (a rename would replace the device node).
    static func write(to url: URL, after spool: Spool? = nil, _ produce: (Sink) throws -> Void) throws {
        if FileOutput.isSpecialFile(url) { return try FileOutput.write(data(after: spool, produce), to: url) }
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try officeErrors(url) {
                try build(at: temporary, after: spool, produce)
                // rename(2) replaces the destination atomically on the same file system.
                guard rename(temporary.path, url.path) == 0 else {
                    throw OfficeError.writeFailed(detail: "\(url.path)：\(String(cString: strerror(errno)))")
                }
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// The archive lives only inside this call, so its file is closed (and complete) when it returns.
    private static func build(at url: URL, after spool: Spool?, _ produce: (Sink) throws -> Void) throws {
        let archive = try spool.map { try Self.archive(at: url, copying: $0) } ?? Archive(url: url, accessMode: .create)
        try produce(Sink(archive: archive))
    }

    /// A copy of the spool's file at `url`, open for adding parts after the spool's.
    private static func archive(at url: URL, copying spool: Spool) throws -> Archive {
        guard !spool.isDamaged else { throw OfficeError.writeFailed(detail: "暂存的工作表文件已损坏") }
        try FileManager.default.copyItem(at: spool.url, to: url)
        return try Archive(url: url, accessMode: .update)
    }

    /// ZIPFoundation's and Foundation's errors as `OfficeError.writeFailed`, naming the file.
    private static func officeErrors<T>(_ url: URL, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as OfficeError {
            throw error
        } catch {
            throw OfficeError.writeFailed(detail: "\(url.path)：\(error.localizedDescription)")
        }
    }
}
