import CSVKit
import Foundation
import GoalCore
import OfficeXML

/// The ready-to-stamp pack of one table, or of a unit's tables: 自评表.xlsx, 自评报告.docx, the evidence
/// named by its indicator (`佐证材料/01-培训人数-签到表.pdf`) and the evidence index (`佐证材料目录.csv`),
/// in one .zip whose names are safe on Windows (`SafeFileName`) and flagged UTF-8 (`ZipWriter`).
public enum SelfEvaluationPack {
    /// One evidence file with its bytes.
    public struct EvidenceFile: Sendable {
        public var entry: EvidenceEntry
        public var data: Data
        public init(entry: EvidenceEntry, data: Data) { self.entry = entry; self.data = data }
    }

    /// What one table brings to a pack.
    public struct TableFiles: Sendable {
        public var report: SelfEvaluationReport
        public var evidence: [EvidenceFile]
        public init(report: SelfEvaluationReport, evidence: [EvidenceFile]) { self.report = report; self.evidence = evidence }

        /// The table's folder in a unit's pack: its project or unit name and year.
        var folderName: String {
            let t = report.scored.table
            let name = t.kind == .project ? (t.project?.name ?? t.unit) : "\(t.unit)部门整体支出"
            return SafeFileName.component((t.year.map { "\($0)年" } ?? "") + name, limit: 60, fallback: "自评材料")
        }
    }

    /// The files of one table under `folder` ("" for the top of the zip), in the order a reader opens them.
    static func files(of t: TableFiles, in folder: String) throws(ImportError) -> [(path: String, data: Data)] {
        let prefix = folder.isEmpty ? "" : folder + "/"
        var out: [(path: String, data: Data)] = [
            (prefix + "自评表.xlsx", try SelfEvaluationXLSX.data([t.report.scored])),
            (prefix + "自评报告.docx", try t.report.data()),
        ]
        var unique = SafeFileName.Unique()
        var index: [[String]] = [["序号", "对应指标", "包内文件", "原文件名", "大小", "上传人", "上传时间"]]
        for (k, file) in t.evidence.enumerated() {
            let number = k + 1 < 10 ? "0\(k + 1)" : "\(k + 1)"
            let indicator = SafeFileName.component(file.entry.indicator, limit: 24, fallback: "整表")
            var name = SafeFileName.component("\(number)-\(indicator)-\(file.entry.fileName)")
            // the whole path must stay short enough for Explorer
            let room = SafeFileName.maxPath - (prefix + "佐证材料/").count
            if name.count > room { name = SafeFileName.component(name, limit: max(20, room)) }
            name = unique.claim(name)
            out.append((prefix + "佐证材料/" + name, file.data))
            let e = file.entry
            index.append(["\(k + 1)", e.indicator, "佐证材料/" + name, e.fileName, e.size, e.uploadedBy, e.uploadedAt])
        }
        out.append((prefix + "佐证材料目录.csv", Data(CSVWriter.document(index).utf8)))
        return out
    }

    /// The pack of one table: its files at the top of the zip.
    public static func table(_ t: TableFiles) throws(ImportError) -> Data {
        try zip(files(of: t, in: ""))
    }

    /// The pack of a unit: one folder per table, each as in `table`.
    public static func unit(_ tables: [TableFiles]) throws(ImportError) -> Data {
        var folders = SafeFileName.Unique()
        var all: [(path: String, data: Data)] = []
        for t in tables { all += try files(of: t, in: folders.claim(t.folderName)) }
        return try zip(all)
    }

    static func zip(_ files: [(path: String, data: Data)]) throws(ImportError) -> Data {
        do { return try ZipWriter.data(files) } catch { throw ImportError("无法生成材料包：\(error)") }
    }

    /// `自评材料-某单位-示例培训项目.zip`: the download's own name, safe too.
    public static func fileName(for t: GoalTable) -> String {
        let name = t.kind == .project ? (t.project?.name ?? t.unit) : "部门整体支出"
        return SafeFileName.component("自评材料-\(t.unit)-\(name)", limit: 76) + ".zip"
    }
}
