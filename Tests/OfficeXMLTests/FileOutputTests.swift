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

    @Test(
        "a refused write names the file and says why in Chinese: no space, no folder, a folder; nothing left beside it",
        .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "/dev/full is Linux's"))
    func refusedWritesSayWhy() throws {
        func refusal(_ url: URL) -> OfficeError? {
            do { try FileOutput.write(Data("表格".utf8), to: url) } catch { return error as? OfficeError }
            return nil
        }
        let full = refusal(URL(fileURLWithPath: "/dev/full"))
        #expect(full == .cannotWrite(path: "/dev/full", reason: SystemReason(errno: ENOSPC)))
        #expect(full?.message == "无法写出文件“/dev/full”：磁盘空间不足。请清理磁盘或换一个保存位置。")

        // the folder written into is `parent`: a temporary file beside a destination would show there
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("fileoutput-\(UUID().uuidString)")
        let dir = parent.appendingPathComponent("文件夹")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        let noFolder = parent.appendingPathComponent("没有的文件夹/表.json")
        #expect(refusal(noFolder) == .cannotWrite(path: noFolder.path, reason: SystemReason(errno: ENOENT)))
        #expect(refusal(noFolder)?.message.contains("文件夹不存在") == true)
        #expect(refusal(dir) == .cannotWrite(path: dir.path, reason: SystemReason(errno: EISDIR)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["文件夹"], "no temporary file left behind")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "the folder is left as it was")
        #expect(refusal(dir)?.message.contains("Is a directory") == false, "not strerror's English")
    }

    @Test("Foundation's errors read as their system reason: POSIX, underlying POSIX, or the Cocoa code's meaning")
    func reasonsOfFoundationErrors() {
        #expect(SystemReason(NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES)))?.text == "没有权限")
        let wrapped = NSError(
            domain: NSCocoaErrorDomain, code: CocoaError.fileWriteUnknown.rawValue,
            userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EROFS))])
        #expect(SystemReason(wrapped)?.code == EROFS)
        #expect(SystemReason(CocoaError(.fileWriteOutOfSpace))?.text == "磁盘空间不足")
        #expect(SystemReason(CocoaError(.fileReadCorruptFile)) == nil, "no code: the caller keeps Foundation's text")
        #expect(SystemReason(errno: 9999).text == "系统错误（错误号 9999）")
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
