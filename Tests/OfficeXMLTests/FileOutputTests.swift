import Foundation
import Testing
@testable import OfficeXML

/// Writing to a device must not replace it: `-o /dev/null` once turned the machine's /dev/null into
/// a plain file (an atomic write renames a temporary file over the destination).
@Suite("写文件")
struct FileOutputTests {
    @Test("a FIFO stays a FIFO and receives the bytes; a regular file is replaced whole")
    func specialFilesWrittenInPlace() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fileoutput-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let reader = FIFOReader(fifo)
        try FileOutput.write(Data("表格".utf8), to: fifo)
        #expect(reader.wait() == "表格")
        #expect(FileOutput.isSpecialFile(fifo), "still a FIFO, not replaced by a plain file")

        let plain = dir.appendingPathComponent("out.json")
        try Data("old".utf8).write(to: plain)
        try FileOutput.write(Data("new".utf8), to: plain)
        #expect(try String(contentsOf: plain, encoding: .utf8) == "new")
        #expect(!FileOutput.isSpecialFile(plain))
    }
}

/// Reads a FIFO on another thread (opening a FIFO for writing blocks until a reader opens it).
private final class FIFOReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var text = ""
    init(_ url: URL) {
        Thread.detachNewThread { [self] in
            if let h = FileHandle(forReadingAtPath: url.path) {
                text = String(decoding: h.readDataToEndOfFile(), as: UTF8.self)
                try? h.close()
            }
            done.signal()
        }
    }
    func wait() -> String { done.wait(); return text }
}
