import Foundation

/// Zips the parts of an Office file, deflated, in the order given
/// (`[Content_Types].xml` first, as Office itself writes it, unless a `Spool` holds parts already).
///
/// The zip is always built in a file: `ZipStreamWriter` writes each part into it as the part is
/// added, so a caller that makes its parts one at a time holds one part in memory, not the whole
/// file. Every temporary file is removed on every path, success or throw.
enum PackageWriter {
    /// Where the parts go while a package is written: each `add` deflates one part into the file.
    struct Sink {
        fileprivate let zip: ZipStreamWriter

        func add(path: String, bytes: [UInt8]) throws {
            try zip.add(path: path, bytes: bytes)
        }
    }

    /// Parts deflated into a temporary file of their own before the rest of the package is known: a
    /// workbook's sheets, each added as the sheet is, so the writer keeps neither their cells nor their
    /// XML. The file holds the parts' local entries; their directory is kept in memory until a package
    /// is written. Writing the package copies this file and adds the remaining parts and the directory
    /// to the copy, so the spool can be written more than once. Its file is removed when the last owner
    /// lets it go.
    final class Spool: @unchecked Sendable {
        let url: URL
        private let zip: ZipStreamWriter
        /// Set when an add failed: the file may then hold half a part, and is not written out.
        private(set) var isDamaged = false

        init(in directory: URL, copying other: Spool? = nil) throws {
            let url = directory.appendingPathComponent("jixiao-\(UUID().uuidString).zip.tmp")
            self.url = url
            do {
                zip = try PackageWriter.officeErrors(url) {
                    try other.map { try PackageWriter.zip(at: url, copying: $0) } ?? ZipStreamWriter(creating: url)
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
            try add(DeflatedPart(path: path, bytes: bytes))
        }

        /// Adds parts in order, deflated on all cores first (a batch of a workbook's sheets).
        func add(_ parts: [(path: String, bytes: [UInt8])]) throws {
            for part in DeflatedPart.concurrently(parts) { try add(part) }
        }

        private func add(_ part: DeflatedPart) throws {
            try add(Result { part })
        }

        private func add(_ part: Result<DeflatedPart, any Error>) throws {
            guard !isDamaged else { throw OfficeError.writeFailed(detail: "暂存的工作表文件已损坏") }
            do {
                try PackageWriter.officeErrors(url) { try zip.add(part.get()) }
            } catch {
                isDamaged = true
                throw error
            }
        }

        /// The file complete up to the last part, and what a copy of it needs to go on.
        fileprivate func flushed() throws -> ZipStreamWriter.State {
            guard !isDamaged else { throw OfficeError.writeFailed(detail: "暂存的工作表文件已损坏") }
            try zip.flush()
            return zip.state
        }

        deinit { try? FileManager.default.removeItem(at: url) }
    }

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
                    throw OfficeError.cannotWrite(path: url.path, reason: .current)
                }
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// The zip is finished (its directory written, its file closed) before this call returns.
    private static func build(at url: URL, after spool: Spool?, _ produce: (Sink) throws -> Void) throws {
        let zip = try spool.map { try Self.zip(at: url, copying: $0) } ?? ZipStreamWriter(creating: url)
        try produce(Sink(zip: zip))
        try zip.finish()
    }

    /// A copy of the spool's file at `url`, open for adding parts after the spool's.
    private static func zip(at url: URL, copying spool: Spool) throws -> ZipStreamWriter {
        let state = try spool.flushed()
        try FileManager.default.copyItem(at: spool.url, to: url)
        return try ZipStreamWriter(appendingTo: url, state: state)
    }

    /// Errors naming the file the user asked for, not the temporary one beside it; Foundation's errors
    /// with their reason in Chinese.
    private static func officeErrors<T>(_ url: URL, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch OfficeError.cannotWrite(_, let reason) {
            throw OfficeError.cannotWrite(path: url.path, reason: reason)
        } catch let error as OfficeError {
            throw error
        } catch {
            guard let reason = SystemReason(error) else {
                throw OfficeError.writeFailed(detail: "\(url.path)：\(error.localizedDescription)")
            }
            throw OfficeError.cannotWrite(path: url.path, reason: reason)
        }
    }
}
