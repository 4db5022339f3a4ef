import Foundation
import GoalCore
import OfficeXML
import Testing
import TestSupport

/// `jixiao convert` as a user runs it: the built binary, its output and its exit codes.
@Suite("命令行 convert")
struct ConvertCLITests {
    static let seed = SharedFiles.seeds.appendingPathComponent("003_9f3eda296765d47b.txt").path

    @Test("a seed converts to the interchange JSON its fixture holds; repairs go to stderr with line numbers")
    func convertsSeed() throws {
        let r = try JixiaoCLI.run(["convert", SharedFiles.seeds.appendingPathComponent("000_b3337543220addae.txt").path])
        #expect(r.status == 0)
        let got = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        let tables = try #require(got?["tables"] as? [[String: Any]])
        #expect(tables.count == 1)
        #expect((tables[0]["indicators"] as? [Any])?.count == 12)
        #expect(r.err.contains("第18行单元格错位"))
        #expect(r.err.contains("已读取 1 张表、12 个指标"))
    }

    @Test("standard input with -, output to a file with -o")
    func stdinAndOutputFile() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try JixiaoCLI.run(["convert", "-", "-o", out], input: try Data(contentsOf: URL(fileURLWithPath: Self.seed)))
        #expect(r.status == 0)
        #expect(r.out.isEmpty)
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.hasPrefix("{\n  \"format\": \"goal-tables/1\""))
        #expect(written.components(separatedBy: "\"kind\": \"project\"").count == 10)
    }

    @Test("a paste of megabytes, written as it is read, is the JSON document of its tables byte for byte; nothing left beside it")
    func largePasteStreamed() throws {
        let seeds = try SharedFiles.seedNames.map {
            try String(contentsOf: SharedFiles.seeds.appendingPathComponent("\($0).txt"), encoding: .utf8)
        }.joined(separator: "\n\n")
        let paste = Array(repeating: seeds, count: (2 << 20) / seeds.utf8.count + 1).joined(separator: "\n\n")
        let input = try JixiaoCLI.temp("大表.txt", Data(paste.utf8))
        let dir = URL(fileURLWithPath: input).deletingLastPathComponent()
        let out = dir.appendingPathComponent("大表.json")
        let r = try JixiaoCLI.run(["convert", input, "-o", out.path, "-q"])
        #expect(r.status == 0)
        let written = try Data(contentsOf: out)
        let doc = try GoalDocument.decode(written)
        #expect(doc.tables.count > 100)
        #expect(doc.tables.allSatisfy { $0.indicators.allSatisfy { $0.id != nil } })
        #expect(written == doc.encoded() + Data("\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["大表.json", "大表.txt"])
        // to standard output, the same document but for the indicators' fresh ids
        func withoutIDs(_ json: String) -> String { json.replacing(/"id": "[0-9a-f-]{36}"/, with: "\"id\": \"\"") }
        let toStdout = try JixiaoCLI.run(["convert", input, "-q"]).out
        #expect(withoutIDs(toStdout) == withoutIDs(String(decoding: written, as: UTF8.self)))
    }

    @Test("-o a symbolic link writes the file it names and keeps the link; a link to no file is written in place")
    func outputThroughLink() throws {
        let seed = try Data(contentsOf: URL(fileURLWithPath: Self.seed))
        let dir = URL(fileURLWithPath: try JixiaoCLI.temp("表.txt", seed)).deletingLastPathComponent()
        let target = dir.appendingPathComponent("目标.json"), link = dir.appendingPathComponent("链接.json")
        try Data("旧".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let r = try JixiaoCLI.run(["convert", dir.appendingPathComponent("表.txt").path, "-o", link.path, "-q"])
        #expect(r.status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8).hasPrefix("{\n  \"format\": \"goal-tables/1\""))
        // /dev/stdout on a pipe resolves to `pipe:[…]`, no path: it was followed without end
        let pipeLink = dir.appendingPathComponent("管道.json")
        try FileManager.default.createSymbolicLink(atPath: pipeLink.path, withDestinationPath: "pipe:[1]")
        #expect(FileOutput.isSpecialFile(pipeLink))
    }

    @Test("no table read: exit 1 with a Chinese reason")
    func noTable() throws {
        let path = try JixiaoCLI.temp("empty-table.txt", Data("项目支出绩效目标表\n一级指标\t二级指标\t三级指标\t指标值\n".utf8))
        let r = try JixiaoCLI.run(["convert", path])
        #expect(r.status == 1)
        #expect(r.err.contains("没有读到任何绩效目标表"))
        let missing = try JixiaoCLI.run(["convert", "/nonexistent/表.txt"])
        #expect(missing.status == 1 && missing.err.contains("找不到文件"))
        let binary = try JixiaoCLI.temp(
            "a.txt", Data([0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00, 0x81] + Array(repeating: 0x00, count: 100)))
        let b = try JixiaoCLI.run(["convert", binary])
        #expect(b.status == 1 && !b.err.isEmpty)
    }

    @Test("-o where nothing can be written: exit 1, the file named once, the reason in Chinese, for every format")
    func refusedOutput() throws {
        for format in ["json", "xlsx", "csv", "html"] {
            let full = try JixiaoCLI.run(["convert", Self.seed, "-q", "--format", format, "-o", "/dev/full"])
            #expect(full.status == 1)
            #expect(full.err.contains("错误：无法写出文件“/dev/full”：磁盘空间不足。"), "\(format): \(full.err)")
            #expect(full.err.components(separatedBy: "/dev/full").count == 2, "named once, not wrapped twice")
            let folder = "/nonexistent-\(UUID().uuidString)/表.\(format)"
            let missing = try JixiaoCLI.run(["convert", Self.seed, "-q", "--format", format, "-o", folder])
            #expect(missing.status == 1)
            #expect(missing.err.contains("“\(folder)”：文件或所在的文件夹不存在"), "\(format): \(missing.err)")
            #expect(missing.err.components(separatedBy: folder).count == 2, "named once")
            // neither Foundation's nor strerror's English
            #expect(!["doesn", "No such", "couldn", "directory"].contains { missing.err.contains($0) }, "\(missing.err)")
        }
    }

    @Test("usage errors exit 2")
    func usage() throws {
        #expect(try JixiaoCLI.run(["convert"]).status == 2)
        #expect(try JixiaoCLI.run(["convert", Self.seed, "--no-such-option"]).status == 2)
    }
}
