import Foundation
import ZIPFoundation

/// Zips the parts of an Office file, deflated, in the order given
/// (`[Content_Types].xml` first, as Office itself writes it).
enum PackageWriter {
    static func data(parts: [(path: String, bytes: [UInt8])]) throws -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            try add(parts, to: archive)
            guard let data = archive.data else { throw OfficeError.writeFailed(detail: "内存中的压缩包为空") }
            return data
        } catch let error as OfficeError {
            throw error
        } catch {
            throw OfficeError.writeFailed(detail: String(describing: error))
        }
    }

    /// Writes next to the destination first and then replaces it, so that a failed write never
    /// leaves a half-written file where the user's old one was.
    static func write(parts: [(path: String, bytes: [UInt8])], to url: URL) throws {
        if FileOutput.isSpecialFile(url) { return try FileOutput.write(data(parts: parts), to: url) }
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            let archive = try Archive(url: temporary, accessMode: .create)
            try add(parts, to: archive)
            // rename(2) replaces the destination atomically on the same file system.
            guard rename(temporary.path, url.path) == 0 else {
                throw OfficeError.writeFailed(detail: "\(url.path)：\(String(cString: strerror(errno)))")
            }
        } catch let error as OfficeError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw OfficeError.writeFailed(detail: "\(url.path)：\(error.localizedDescription)")
        }
    }

    private static func add(_ parts: [(path: String, bytes: [UInt8])], to archive: Archive) throws {
        // A fixed date keeps output identical for identical input.
        let date = Date(timeIntervalSince1970: 1_704_067_200)
        for part in parts {
            let bytes = part.bytes
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(bytes.count),
                modificationDate: date, compressionMethod: .deflate,
                bufferSize: 256 * 1024
            ) { position, size in
                let start = Int(position)
                return bytes.withUnsafeBufferPointer { Data(buffer: UnsafeBufferPointer(rebasing: $0[start..<(start + size)])) }
            }
        }
    }
}
