import Foundation
import Testing
import TestSupport
@testable import OfficeXML

/// A workbook is built in files (its sheets spooled as they are added, the package beside its
/// destination): none of them may outlive a write, whether it succeeded or threw.
@Suite("临时文件")
struct TemporaryFileTests {
    /// A writer whose spool lives in `spool`, with `count` small sheets.
    static func writer(spool: URL, sheets count: Int = 3) throws -> XLSXWriter {
        var writer = XLSXWriter()
        writer.temporaryDirectory = spool
        for i in 0..<count {
            var sheet = WorksheetDraft(name: "表\(i)")
            sheet.set("项目\(i)", row: 1, column: 1)
            try writer.addSheet(sheet)
        }
        return writer
    }

    /// Runs `body` with two fresh folders (the spool's and the output's), removed afterwards.
    static func withFolders(_ body: (URL, URL) throws -> Void) throws {
        let spool = try makeTemporaryDirectory()
        let out = try makeTemporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: spool)
            try? FileManager.default.removeItem(at: out)
        }
        try body(spool, out)
    }

    static func contents(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test("after a successful write and data(), only the written file is left")
    func successLeavesNothing() throws {
        try Self.withFolders { spool, out in
            let destination = out.appendingPathComponent("目标表.xlsx")
            do {
                let writer = try Self.writer(spool: spool)
                try writer.write(to: destination)
                let data = try writer.data()
                #expect(try XLSXReader().read(data: data).sheets.count == 3)
                // while the writer lives, its spool is its one file
                let spooled = try Self.contents(spool).count
                withExtendedLifetime(writer) {}
                #expect(spooled == 1)
            }
            #expect(try Self.contents(spool).isEmpty, "the spool goes with the writer")
            #expect(try Self.contents(out) == ["目标表.xlsx"])
            #expect(try XLSXReader().read(contentsOf: destination).sheets.map(\.name) == ["表0", "表1", "表2"])
        }
    }

    @Test("after a failing write, neither the package nor the spool is left, and the old file stays")
    func failureLeavesNothing() throws {
        try Self.withFolders { spool, out in
            // a folder where the file should go: the package is built beside it, and the rename fails
            let folder = out.appendingPathComponent("目标表.xlsx")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            try Data("old".utf8).write(to: folder.appendingPathComponent("keep.txt"))
            do {
                let writer = try Self.writer(spool: spool)
                #expect(throws: OfficeError.self) { try writer.write(to: folder) }
                // a workbook with no visible sheet is refused before its package is begun
                var hidden = XLSXWriter()
                hidden.temporaryDirectory = spool
                try hidden.addSheet(WorksheetDraft(name: "隐藏", visibility: .hidden))
                #expect(throws: OfficeError.writeFailed(detail: "至少要有一个工作表是可见的")) { try hidden.data() }
            }
            #expect(try Self.contents(spool).isEmpty)
            #expect(try Self.contents(out) == ["目标表.xlsx"])
            #expect(try Self.contents(folder) == ["keep.txt"])
        }
    }

    @Test("a part that fails half way through a package removes the package's file")
    func failingPartLeavesNothing() throws {
        struct Stop: Error {}
        let out = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(throws: OfficeError.self) {
            try PackageWriter.write(to: out.appendingPathComponent("a.zip")) { sink in
                try sink.add(path: "a.xml", bytes: Array("<a/>".utf8))
                throw Stop()
            }
        }
        #expect(throws: OfficeError.self) {
            try PackageWriter.data(in: out) { sink in
                try sink.add(path: "a.xml", bytes: Array("<a/>".utf8))
                throw Stop()
            }
        }
        #expect(try Self.contents(out).isEmpty)
    }

    @Test("a copied writer gets a spool of its own: each writes its own sheets")
    func copiesAreIndependent() throws {
        let spool = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: spool) }
        do {
            let first = try Self.writer(spool: spool, sheets: 2)
            var second = first
            try second.addSheet(WorksheetDraft(name: "另一张"))
            #expect(try Self.contents(spool).count == 2)
            #expect(try XLSXReader().read(data: first.data()).sheets.map(\.name) == ["表0", "表1"])
            #expect(try XLSXReader().read(data: second.data()).sheets.map(\.name) == ["表0", "表1", "另一张"])
        }
        #expect(try Self.contents(spool).isEmpty)
    }

    @Test("the date system is set before sheets are added, or the write says so")
    func dateSystemAfterSheets() throws {
        let spool = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: spool) }
        var writer = try Self.writer(spool: spool, sheets: 1)
        writer.dateSystem = .from1904
        let error = #expect(throws: OfficeError.self) { try writer.data() }
        #expect(error?.message.contains("日期系统") == true)
    }
}
