import Foundation
import GoalCore
import Testing
import TestSupport
@testable import GoalIO

/// The four real tables the project was given must read exactly as a careful person read them
/// (`../shared/fixtures/seeds/*.expected.json`).
@Suite("种子表导入")
struct SeedImportTests {
    static let names = SharedFiles.seedNames

    static func importSeed(_ name: String) throws -> ImportResult {
        try DocumentReader.read(contentsOf: SharedFiles.seeds.appendingPathComponent("\(name).txt"))
    }

    static func expected(_ name: String) throws -> GoalDocument {
        try GoalDocument.decode(try SharedFiles.data(SharedFiles.seedFixtures.appendingPathComponent("\(name).expected.json")))
    }

    @Test("every seed reproduces its fixture, field for field", arguments: names)
    func reproducesFixture(name: String) throws {
        let got = try Self.importSeed(name).tables
        let want = try Self.expected(name).tables
        try TableComparison.expectSame(got, want, name)
    }

    @Test("the seeds' nine project tables come out of one file in order")
    func severalTablesInOneFile() throws {
        let tables = try Self.importSeed("003_9f3eda296765d47b").tables
        #expect(tables.count == 9)
        #expect(tables.allSatisfy { $0.kind == .project && $0.year == 2023 })
        #expect(tables[8].funds?.total == 12000)
    }

    @Test("shifted rows are realigned and reported with their line")
    func shiftedRowsReported() throws {
        let notes = try Self.importSeed("000_b3337543220addae").notes
        let realigned = notes.coded("cells-realigned")
        #expect(realigned.count == 4)
        #expect(realigned.contains { $0.location.line == 18 && $0.message.contains("时效指标”→二级指标") })
        #expect(notes.has("guidance-skipped"))
    }

    @Test("a 二级 that cannot sit under the carried 一级 gets its own 一级, and says so")
    func inferredLevel1() throws {
        let result = try Self.importSeed("002_e98a82c48b42f4e1")
        #expect(result.tables[0].indicators[3].level1 == "效益指标")
        #expect(
            result.notes.contains {
                $0.code == .level1InferredNotCarried(line: 16, carried: "产出指标", level2: "社会效益指标", inferred: "效益指标")
                    && $0.location.field == .level1
            },
            "\(result.notes.map(\.code))")
    }

    @Test("seed 004: what was lost is reported, not invented")
    func lostRowsReported() throws {
        let result = try Self.importSeed("004_bc3c6be27c973c90")
        let unread = result.notes.filter { $0.kind == .unreadable }.map(\.message).joined(separator: "\n")
        for lost in ["预算调整率", "政府采购执行率", "绩效监控完成率"] {
            #expect(unread.contains(lost), "未报告丢失的“\(lost)”")
        }
        #expect(unread.contains("第27行只有“20 %”"))
        let names = Set(result.tables[0].indicators.map(\.name))
        #expect(!names.contains("预算调整率") && !names.contains("满意度"))
    }
}

@Suite("大文件并行读取")
struct ParallelReadTests {
    @Test("a large paste read on all cores gives the same tables, in order, with notes on the right table")
    func sameAsOneByOne() throws {
        let texts = try SharedFiles.seedNames.map {
            try String(contentsOf: SharedFiles.seeds.appendingPathComponent("\($0).txt"), encoding: .utf8)
        }
        let one = texts.map { TextTableReader.read(text: $0) }
        let rounds = 40
        let big = Array(repeating: texts.joined(separator: "\n\n"), count: rounds).joined(separator: "\n\n")
        let result = TextTableReader.read(text: big)
        let expected = Array(repeating: one.flatMap(\.tables), count: rounds).flatMap { $0 }
        #expect(result.tables.count == expected.count)
        #expect(result.tables == expected)
        // every note about a table points at a table that exists, and the 004 repairs land on the 004 tables
        #expect(result.notes.allSatisfy { $0.location.table.map { $0 < result.tables.count } ?? true })
        let provincial = Set(result.tables.indices.filter { result.tables[$0].kind == .provincial })
        let taskNotes = result.notes.coded("task-content-moved")
        #expect(taskNotes.count == 3 * rounds)
        #expect(taskNotes.allSatisfy { provincial.contains($0.location.table ?? -1) })
    }

    static func texts() throws -> [String] {
        try SharedFiles.seedNames.map {
            try String(contentsOf: SharedFiles.seeds.appendingPathComponent("\($0).txt"), encoding: .utf8)
        }
    }

    /// The seeds repeated past the size at which a file is cut on its bytes and each piece
    /// validated on its own core.
    static func bigText() throws -> String {
        let one = try texts().joined(separator: "\n\n")
        return Array(repeating: one, count: TextTableReader.parallelThreshold / one.utf8.count + 2).joined(separator: "\n\n")
    }

    @Test("a large UTF-8 file, read from its bytes, gives exactly what its text gives: tables, notes and line numbers")
    func bytesSameAsText() throws {
        let big = try Self.bigText()
        #expect(big.utf8.count >= TextTableReader.parallelThreshold)
        let fromText = TextTableReader.read(text: big)
        let fromBytes = try TextTableReader.read(data: Data(big.utf8))
        #expect(fromBytes.tables.count > 100)
        #expect(fromBytes.tables == fromText.tables)
        #expect(fromBytes.notes == fromText.notes)
        // a byte-order mark changes nothing, not even a line number
        let withBOM = try TextTableReader.read(data: Data([0xEF, 0xBB, 0xBF] + Array(big.utf8)))
        #expect(withBOM.tables == fromText.tables)
        #expect(withBOM.notes == fromText.notes)
    }

    @Test("a large paste handed on a few pieces at a time gives the tables and notes of reading it whole, in order")
    func runsSameAsWhole() throws {
        let big = try Self.bigText()
        let whole = TextTableReader.read(text: big)
        var runs: [ImportResult] = []
        // runs of two pieces of about 128 KB (a piece of 64 KB or less is read as a stream too)
        #expect(try TextTableReader.readLargeUTF8(Data(big.utf8), pieceBytes: 128 << 10, runLength: 2) { runs.append($0) })
        #expect(runs.count > 1)
        #expect(runs.flatMap(\.tables) == whole.tables)
        #expect(runs.flatMap(\.notes) == whole.notes)
        // and through the reader every command uses: one run for anything not read so
        let seed = try Self.texts()[0]
        var seedRuns: [ImportResult] = []
        try DocumentReader.read(data: Data(seed.utf8), name: "a.txt") { seedRuns.append($0) }
        #expect(seedRuns.count == 1)
        #expect(seedRuns.first?.tables == TextTableReader.read(text: seed).tables)
        #expect(seedRuns.first?.notes == TextTableReader.read(text: seed).notes)
    }

    @Test("a line is looked at for a title only when its bytes can make one: every title line of the seeds and real tables can")
    func titleLinesPassTheByteCheck() throws {
        func passes(_ line: String) -> Bool {
            Array(line.utf8).withUnsafeBufferPointer { TextTableReader.mayHoldTitle($0) }
        }
        var titles = 0
        let files =
            try SharedFiles.seedNames.map { SharedFiles.seeds.appendingPathComponent("\($0).txt") }
            + FileManager.default.contentsOfDirectory(
                at: SharedFiles.shared.appendingPathComponent("fixtures/real"),
                includingPropertiesForKeys: nil
            ).filter { $0.pathExtension == "txt" }
        for file in files {
            for (n, line) in try String(contentsOf: file, encoding: .utf8).split(
                separator: "\n", omittingEmptySubsequences: false
            )
            .enumerated() {
                guard let sole = SourceRows.row(from: line, number: n + 1).soleText, Reader.isTitle(sole) else { continue }
                titles += 1
                #expect(passes(String(line)), "\(file.lastPathComponent):\(n + 1)")
            }
        }
        #expect(titles > 10)
        // 表 written as an HTML entity still counts; a line with neither 表 nor & cannot be a title
        #expect(passes("<p>2024年项目支出绩效目标&#34920;</p>"))
        #expect(Reader.isTitle(SourceRows.row(from: Substring("<p>2024年项目支出绩效目标&#34920;</p>"), number: 1).soleText ?? ""))
        #expect(!passes("产出指标\t数量指标\t培训人次\t≥1200人次"))
    }

    @Test("a large file in GB18030, or with one bad byte deep inside, is decided as any file is")
    func largeNonUTF8() throws {
        let big = try Self.bigText()
        let gb = try #require(big.data(using: TextDecoding.gb18030))
        let result = try TextTableReader.read(data: gb)
        #expect(result.notes.first?.code == .encoding(name: "GB18030"))
        #expect(result.tables == TextTableReader.read(text: big).tables)
        // an invalid byte in the last piece: no table is read from a file that is not what it says
        var broken = Array(big.utf8)
        broken[broken.count - 10] = 0xFF
        let fallback = Result { () throws(ImportError) in try TextTableReader.read(data: Data(broken)) }
        let serial = Result { () throws(ImportError) in
            let decoded = try TextDecoding.decode(Data(broken))
            return TextTableReader.read(text: decoded.text)
        }
        switch (fallback, serial) {
        case (.failure(let a), .failure(let b)): #expect(a.message == b.message)
        case (.success(let a), .success(let b)): #expect(a.tables == b.tables)
        default: Issue.record("the large-file path and the ordinary decoder disagree on a broken file")
        }
    }
}
