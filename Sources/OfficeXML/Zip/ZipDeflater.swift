import CJixiaoZlib
import Foundation

/// One part of a package, deflated and checksummed, ready for `ZipStreamWriter` to write. It is made
/// apart from the file, so that several parts can be deflated on several cores and written in order.
struct DeflatedPart: Sendable {
    let path: String
    /// 8 deflated, or 0 stored when deflating would not make the part smaller (an empty part).
    let method: UInt16
    let crc32: UInt32
    let uncompressedSize: Int
    let data: [UInt8]

    /// Deflates `bytes` with zlib at `level` in one call: the part is in memory already, and zlib's
    /// bound on the output lets one buffer take it whole.
    init(path: String, bytes: [UInt8], level: ZipDeflater.Level = .parts) throws {
        self.path = path
        uncompressedSize = bytes.count
        crc32 = bytes.withUnsafeBytes { ZipInflater.crc32(0, $0) }
        let deflated = try ZipDeflater.deflate(bytes, level: level)
        if deflated.count < bytes.count {
            method = 8
            data = deflated
        } else {
            method = 0
            data = bytes
        }
    }
}

/// Raw deflate through zlib (the project's own shim, `CJixiaoZlib`), at a level chosen per use.
enum ZipDeflater {
    /// zlib's levels, named by what they are used for.
    enum Level: Int32, Sendable {
        /// The parts of the packages we write. Level 1 rather than zlib's default 6: the XML of a
        /// sheet is so repetitive that the faster level's file of 18,816 sheets is only 14 % larger
        /// (41.3 MB, not 36.1), while zlib's time on them halves (2.8 → 1.4 s CPU in `perf`); deflating
        /// was the largest single cost of exporting them (issue #23).
        case parts = 1
        /// zlib's default, for comparison in tests.
        case standard = 6
    }

    static func deflate(_ bytes: [UInt8], level: Level) throws -> [UInt8] {
        var stream = z_stream()
        guard jixiao_deflate_init_raw(&stream, level.rawValue) == Z_OK else {
            throw OfficeError.writeFailed(detail: "无法初始化压缩")
        }
        defer { deflateEnd(&stream) }
        // zlib's counts are 32-bit: a part in memory is far below that, and one over it is refused.
        guard bytes.count < Int(UInt32.max / 2) else { throw OfficeError.writeFailed(detail: "部件过大，无法压缩") }
        let bound = Int(deflateBound(&stream, UInt(bytes.count)))
        var output = [UInt8](repeating: 0, count: bound)
        let result = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = UInt32(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                return CJixiaoZlib.deflate(&stream, Z_FINISH)
            }
        }
        // With a buffer of deflateBound bytes, one Z_FINISH call always ends the stream.
        guard result == Z_STREAM_END else { throw OfficeError.writeFailed(detail: "压缩失败（zlib \(result)）") }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }
}

extension DeflatedPart {
    /// The parts deflated on all cores at once, each one's result in its place: a workbook's sheets are
    /// deflated a batch at a time rather than one after another on one core (issue #23).
    static func concurrently(_ parts: [(path: String, bytes: [UInt8])]) -> [Result<DeflatedPart, any Error>] {
        let results = Results(parts.count)
        DispatchQueue.concurrentPerform(iterations: parts.count) { i in
            results.set(i, Result { try DeflatedPart(path: parts[i].path, bytes: parts[i].bytes) })
        }
        return results.values
    }
}

/// One result per call; each call writes only its own slot, under the lock.
private final class Results: @unchecked Sendable {
    private var slots: [Result<DeflatedPart, any Error>?]
    private let lock = NSLock()
    init(_ count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<DeflatedPart, any Error>) { lock.lock(); slots[i] = value; lock.unlock() }
    /// Every slot has been set once `concurrentPerform` has returned.
    var values: [Result<DeflatedPart, any Error>] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
}
