import Foundation
import Testing
import TestSupport
@testable import GoalCore

/// The fast reader must agree with `JSONDecoder` on everything it accepts and decline everything else,
/// so that errors keep coming from `JSONDecoder` with their paths.
@Suite("交换格式 JSON：快速读取与 JSONDecoder 一致")
struct InterchangeReaderTests {
    static func slow(_ data: Data) -> [GoalTable]? {
        try? JSONDecoder().decode(GoalDocument.self, from: data).tables
    }

    @Test("every shared fixture is read by the fast path, with the same tables as JSONDecoder")
    func fixtures() throws {
        let files =
            SharedFiles.files(in: SharedFiles.seedFixtures, ending: ".json")
            + SharedFiles.files(in: SharedFiles.scoringFixtures, ending: ".json")
        #expect(files.count >= 9)
        for url in files {
            let data = try SharedFiles.data(url)
            let fast = try #require(InterchangeReader.readTop(data), "\(url.lastPathComponent) 没有走快速路径")
            #expect(fast.tables == Self.slow(data), "\(url.lastPathComponent)")
            // and what GoalCore writes reads back the same way
            let again = GoalDocument(tables: fast.tables ?? []).encoded()
            #expect(InterchangeReader.readTop(again)?.tables == fast.tables)
        }
    }

    @Test("escapes, surrogate pairs, hostile text, numbers for actual, unknown keys")
    func awkwardButValid() throws {
        let json = #"""
            {"format":"goal-tables/1","extra":{"a":[1,2.5e3,true,false,null,{"b":"\u00e9"}]},
             "tables":[{"kind":"project","year":2026,"unit":"<script>alert(\"x\")</script>",
               "goal":"第一行\n第二行\t\\ \/ \u4e2d\ud83d\ude00","tasks":[{"name":"任务","content":null}],
               "funds":{"total":12.5,"fiscal":-0.25,"other":1E2},"signoff":{"phone":"0731-1234"},
               "execution":{"budget":100,"spent":95.5,"weight":10},
               "indicators":[{"level1":"产出指标","level2":"数量指标","name":"人数","type":">=","value":"1.8","unit":"万人",
                 "weight":5,"actual":12.3456789,"unknown":[[]]},
                 {"name":"满意度","type":null,"value":"较好","actual":"达到","deviation":"无"},
                 {"name":"x","type":"≤","value":"3","actual":true}]}]}
            """#
        let data = Data(json.utf8)
        let fast = try #require(InterchangeReader.readTop(data))
        let tables = try #require(fast.tables)
        #expect(tables == Self.slow(data))
        #expect(tables[0].goal == "第一行\n第二行\t\\ / 中😀")
        #expect(tables[0].indicators[0].type == .atLeast)
        #expect(tables[0].actual(at: 0) == Self.slow(data)?[0].actual(at: 0))
        #expect(tables[0].indicators[1].type == .qualitative)
        #expect(tables[0].actual(at: 2) == nil)
        #expect(tables[0].title == "项目支出绩效目标表")
        #expect(fast.otherKeys == ["extra"])
        #expect(try GoalDocument.decode(data).tables == tables)
    }

    @Test("anything JSONDecoder refuses is declined, and the error still names the path")
    func declined() throws {
        let bad: [String] = [
            #"{"tables": ["#, // cut short
            #"{"tables": []} x"#, // trailing text
            #"{"tables": [{"kind": "budget"}]}"#, // unknown kind
            #"{"tables": [{"title": "无表种"}]}"#, // missing kind
            #"{"tables": [{"kind": "project", "year": "2026"}]}"#, // wrong type
            #"{"tables": [{"kind": "project", "year": 2026.5}]}"#, // not a whole number
            #"{"tables": [{"kind": "project", "indicators": [{"type": "约等于"}]}]}"#,
            #"{"tables": [{"kind": "project", "indicators": [{"weight": "5"}]}]}"#,
            #"{"tables": [{"kind": "project", "tasks": [{"content": "没有名称"}]}]}"#,
            #"{"tables": [{"kind": "project", "execution": {"budget": 1}}]}"#,
            #"{"tables": [{"kind": "project", "kind": "department"}]}"#, // repeated key
            #"{"tables": [{"kind": "project", "unit": "a\qb"}]}"#, // bad escape
            #"{"tables": [{"kind": "project", "unit": "\ud800"}]}"#, // lone surrogate
            "{\"tables\": [{\"kind\": \"project\", \"unit\": \"tab\u{09}inside\"}]}", // raw control character
            #"{"tables": [{"kind": "project", "funds": {"total": 01}}]}"#, // leading zero
            #"{"tables": null}"#,
            #"{"format": 1, "tables": []}"#,
            "[" + String(repeating: "[", count: 5000) + "]", // nesting
        ]
        for text in bad {
            let top = InterchangeReader.readTop(Data(text.utf8))
            let declined = top == nil || top?.tables == nil || top?.otherKeys.contains("format") == true
            #expect(declined, "快速路径不应接受：\(text.prefix(60))")
        }
        // cut short, a lone continuation, 0xFF, an overlong slash, an encoded surrogate, past U+10FFFF
        let invalidSequences: [[UInt8]] = [
            [0xE4, 0xB8], [0x80], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        ]
        for bytes in invalidSequences {
            var invalidUTF8 = Data(#"{"tables":[{"kind":"project","unit":"甲"#.utf8)
            invalidUTF8.append(contentsOf: bytes)
            invalidUTF8.append(contentsOf: Data(#"乙"}]}"#.utf8))
            #expect(InterchangeReader.readTop(invalidUTF8) == nil, "\(bytes)")
            #expect(throws: InterchangeError.self) { try GoalDocument.decode(invalidUTF8) }
        }
        // U+FFFD written by the user is text like any other, not taken for a repair
        let replacement = Data("{\"tables\":[{\"kind\":\"project\",\"unit\":\"甲\u{FFFD}乙\"}]}".utf8)
        #expect(InterchangeReader.readTop(replacement)?.tables?.first?.unit == "甲\u{FFFD}乙")
        // keys are matched as bytes: an unknown key must still be UTF-8
        var invalidKey = Data(#"{"tables":[{"kind":"project",""#.utf8)
        invalidKey.append(contentsOf: [0xE4, 0xB8])
        invalidKey.append(contentsOf: Data(#"":1}]}"#.utf8))
        #expect(InterchangeReader.readTop(invalidKey) == nil)
        #expect(throws: InterchangeError.self) { try GoalDocument.decode(invalidKey) }

        do {
            _ = try GoalDocument.decode(Data(#"{"tables": [{"kind": "project", "year": "2026"}]}"#.utf8))
            Issue.record("accepted a year written as text")
        } catch {
            #expect(error.path == "tables[0].year")
        }
    }

    @Test("a key written with escapes or in another script is still read as JSONDecoder reads it")
    func unusualKeys() throws {
        // "\u006bind" is "kind": the fast path declines it, and the document still reads in full
        let escaped = Data(#"{"tables":[{"\u006bind":"project","unit":"甲","indicators":[{"n\u0061me":"人数"}]}]}"#.utf8)
        #expect(InterchangeReader.readTop(escaped) == nil)
        let read = try GoalDocument.decode(escaped).tables
        #expect(read.first?.unit == "甲" && read.first?.indicators.first?.name == "人数")
        // a key that only looks like a model's name is not one: "kind " and "种类" are unknown keys, skipped
        let lookalike = Data(#"{"tables":[{"kind":"project","kind ":"department","种类":"x","uni":"乙"}]}"#.utf8)
        let fast = try #require(InterchangeReader.readTop(lookalike)?.tables)
        #expect(fast == Self.slow(lookalike) && fast.first?.kind == .project && fast.first?.unit == "")
    }

    @Test("one stored table reads the same as with JSONDecoder")
    func oneTable() throws {
        let url = try #require(SharedFiles.files(in: SharedFiles.seedFixtures, ending: ".json").first)
        let doc = try GoalDocument.decode(try SharedFiles.data(url))
        for t in doc.tables {
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = try e.encode(t)
            #expect(InterchangeReader.readTable(data) == t)
        }
        #expect(InterchangeReader.readTable(Data(#"{"kind":"project"} {}"#.utf8)) == nil)
    }
}
