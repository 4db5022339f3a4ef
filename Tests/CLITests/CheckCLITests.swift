import Foundation
import Testing
import TestSupport

/// `jixiao check` and `jixiao profile` as a user runs them: the built binary, its output and exit code.
@Suite("命令行 check / profile")
struct CheckCLITests {
    static func run(_ args: [String], input: Data? = nil) throws -> (out: String, err: String, code: Int32) {
        let r = try JixiaoCLI.run(args, input: input)
        return (r.out, r.err, r.status)
    }

    static func fixture(_ prefix: String) -> String {
        SharedFiles.files(in: SharedFiles.seedFixtures, ending: ".expected.json").first {
            $0.lastPathComponent.hasPrefix(prefix)
        }!.path
    }

    @Test("JSON output: findings with file, 0-based table and row, null row for the whole table; exit 1 on an error")
    func json() throws {
        let r = try Self.run(["check", Self.fixture("003"), Self.fixture("000"), "--format", "json"])
        #expect(r.code == 1) // 003 has a row without a 三级 name
        let obj = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        let findings = try #require(obj?["findings"] as? [[String: Any]])
        let missingName = findings.first { $0["code"] as? String == "F03" }
        #expect(missingName?["table"] as? Int == 1)
        #expect(missingName?["indicator"] as? Int == 3)
        #expect(missingName?["field"] as? String == "name")
        #expect(missingName?["severity"] as? String == "error")
        let total = findings.first { $0["code"] as? String == "T02" }
        #expect(total?["indicator"] is NSNull)
        #expect((total?["file"] as? String)?.hasSuffix(".expected.json") == true)
        #expect((total?["message"] as? String)?.contains("74") == true)
        for f in findings {
            for key in ["file", "table", "indicator", "field", "severity", "code", "importCode", "message", "suggestion", "rule"]
            {
                #expect(f.keys.contains(key), "\(key)")
            }
        }
    }

    @Test("JSON output of a pasted table: each import repair carries its note's code")
    func importCodes() throws {
        let r = try Self.run([
            "check", SharedFiles.seeds.appendingPathComponent("000_b3337543220addae.txt").path, "--format", "json",
        ])
        let obj = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        let findings = try #require(obj?["findings"] as? [[String: Any]])
        let repairs = findings.filter { $0["code"] as? String == "I01" }
        #expect(repairs.count == 4)
        #expect(repairs.allSatisfy { $0["importCode"] as? String == "cells-realigned" })
        #expect(findings.filter { $0["code"] as? String != "I01" }.allSatisfy { $0["importCode"] is NSNull })
    }

    @Test("text output groups by table, most severe first, in Chinese; exit 0 when only warnings")
    func text() throws {
        let r = try Self.run(["check", Self.fixture("004")])
        #expect(r.code == 0)
        #expect(r.out.contains("第1张表 省级部门（单位）整体绩效目标申报表"))
        let warning = try #require(r.out.range(of: "[警告"))
        let hint = try #require(r.out.range(of: "[提示"))
        #expect(warning.lowerBound < hint.lowerBound)
        #expect(r.out.contains("建议：满意度指标应为 ≥，是否改为 ≥95%？"))
    }

    @Test("usage errors exit 2: no input, an unknown option, a bad format, an unknown profile")
    func usage() throws {
        #expect(try Self.run(["check"]).code == 2)
        #expect(try Self.run(["check", Self.fixture("000"), "--bogus"]).code == 2)
        #expect(try Self.run(["check", Self.fixture("000"), "--format", "xml"]).code == 2)
        let r = try Self.run(["check", Self.fixture("000"), "--profile", "nope"])
        #expect(r.code == 2)
        #expect(r.err.contains("current"))
    }

    @Test("profile list and show print the built-in profiles; a shown profile can be passed back as a file")
    func profiles() throws {
        let list = try Self.run(["profile", "list"])
        #expect(list.out.contains("current") && list.out.contains("legacy") && list.out.contains("provincial"))
        let show = try Self.run(["profile", "show", "current"])
        #expect(show.code == 0)
        #expect(show.out.contains("\"weightTotals\""))
        // a unit's copy that accepts 74 as a total: the table-total warning goes away
        let edited = show.out.replacingOccurrences(of: "\"name\" : \"current\"", with: "\"name\" : \"本单位\"")
            .replacingOccurrences(of: "\"weightTotals\" : [\n      100,\n      90\n    ]", with: "\"weightTotals\" : [74]")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-profile-\(UUID().uuidString).json")
        try Data(edited.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = try Self.run(["check", Self.fixture("000"), "--profile", file.path, "--format", "json"])
        #expect(!r.out.contains("\"T02\""))
        #expect(r.out.contains("\"profile\" : \"本单位\""))
        #expect(try Self.run(["profile", "show", "nope"]).code == 2)
    }

    @Test("--list-rules prints every rule code with its severity in Chinese")
    func listRules() throws {
        let r = try Self.run(["check", "--list-rules"])
        #expect(r.code == 0)
        #expect(r.out.contains("F02\t错误\t填表规则"))
        #expect(r.out.contains("R13\t提示"))
    }

    @Test("- reads the document from standard input")
    func stdin() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.fixture("002")))
        let r = try Self.run(["check", "-", "--format", "json"], input: data)
        #expect(r.code == 0)
        #expect(r.out.contains("\"T01\""))
        #expect(r.out.contains("\"file\" : \"-\""))
    }

    @Test("an unreadable input is an error finding, not a crash")
    func unreadable() throws {
        let r = try Self.run(["check", "/nonexistent/表.json"])
        #expect(r.code == 1)
        #expect(r.out.contains("文件无法读取"))
    }
}
