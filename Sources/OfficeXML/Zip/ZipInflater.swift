import CJixiaoZlib
import Foundation

/// Inflates one zip entry with zlib, under bounds a hostile file cannot move: input only from the
/// entry's own bytes, output counted as it is produced (declared sizes can lie), every call to
/// zlib required to make progress, and a deadline for the whole document.
enum ZipInflater {
    enum Failure: Error, Equatable {
        /// The stream is corrupt or ends before its last block.
        case corrupt
        /// `consume` refused more output (a size limit).
        case stopped
        case deadline
    }

    /// Calls `consume` with each piece of inflated output, in order. `input` is the entry's compressed bytes.
    static func inflate(
        _ input: Data, deadline: ContinuousClock.Instant,
        consume: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        var stream = z_stream()
        guard jixiao_inflate_init_raw(&stream) == Z_OK else { throw Failure.corrupt }
        defer { inflateEnd(&stream) }
        let chunk = 256 * 1024
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
        defer { output.deallocate() }
        try input.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress, raw.count > 0 else { throw Failure.corrupt }
            var offset = 0
            while true {
                if ContinuousClock.now > deadline { throw Failure.deadline }
                // zlib's counts are 32-bit: feed at most 1 GB at a time.
                let available = min(raw.count - offset, 1 << 30)
                stream.next_in = UnsafeMutablePointer(mutating: base + offset)
                stream.avail_in = UInt32(available)
                stream.next_out = output
                stream.avail_out = UInt32(chunk)
                let result = CJixiaoZlib.inflate(&stream, Z_NO_FLUSH)
                let consumed = available - Int(stream.avail_in)
                let produced = chunk - Int(stream.avail_out)
                offset += consumed
                if produced > 0 { try consume(UnsafeRawBufferPointer(start: output, count: produced)) }
                switch result {
                case Z_STREAM_END:
                    return
                case Z_OK:
                    // Progress is required: a call that neither reads nor writes would loop forever.
                    if consumed == 0 && produced == 0 { throw Failure.corrupt }
                case Z_BUF_ERROR:
                    // No progress possible: the input ran out before the final block.
                    if offset >= raw.count || (consumed == 0 && produced == 0) { throw Failure.corrupt }
                default:
                    throw Failure.corrupt
                }
            }
        }
    }

    /// zlib's CRC-32 of some bytes, to compare with the directory's.
    static func crc32(_ previous: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count > 0 else { return previous }
        return UInt32(CJixiaoZlib.crc32(UInt(previous), base, UInt32(bytes.count)))
    }
}
