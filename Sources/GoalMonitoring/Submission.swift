import GoalCore

/// Whether an entry may be submitted: refused, naming the rows, while a required 偏差原因 is missing.
public struct SubmissionCheck: Sendable, Hashable, Codable {
    /// Rows that need a 偏差原因 and lack one (these refuse submission).
    public var reasonGaps: [ReasonGap]
    /// Rows whose 1-N月完成值 is not filled (shown to the unit; they do not refuse submission on their own).
    public var unfilled: [RowRef]

    public var canSubmit: Bool { reasonGaps.isEmpty }

    /// "第3行“媒体播出”（红）未勾选偏差原因类别；第5行…" — one line for the refusal.
    public var message: String {
        canSubmit ? "可以提交" : "不能提交：" + reasonGaps.map(\.message).joined(separator: "；")
    }

    public init(lights: TableLights, entry: MonitoringEntry) {
        var byID: [String: IndicatorProgress] = [:]
        for p in entry.indicators where byID[p.id] == nil { byID[p.id] = p }
        reasonGaps = lights.indicators.filter(\.reasonMissing).map { l in
            let p = byID[l.id]
            return ReasonGap(
                id: l.id, row: l.row, name: l.name, light: l.light, likelihood: l.likelihood,
                noCategory: p?.causes.isEmpty ?? true,
                noText: p?.causeText.map { $0.allSatisfy(\.isWhitespace) } ?? true)
        }
        unfilled = lights.indicators.filter { byID[$0.id]?.completed.map { $0.allSatisfy(\.isWhitespace) } ?? true }
            .map { RowRef(id: $0.id, row: $0.row, name: $0.name) }
    }
}

/// A row named by its id, its place and its 三级指标.
public struct RowRef: Sendable, Hashable, Codable {
    public var id: String
    public var row: Int
    public var name: String
}

/// A row whose 偏差原因 is required and missing, and what is missing.
public struct ReasonGap: Sendable, Hashable, Codable {
    public var id: String
    /// 0-based.
    public var row: Int
    public var name: String
    public var light: Light
    public var likelihood: Likelihood?
    /// No category (经费保障 … 其他) ticked.
    public var noCategory: Bool
    /// No 原因说明 written.
    public var noText: Bool

    /// "第3行“媒体播出”（红灯）：未勾选偏差原因类别、未填原因说明".
    public var message: String {
        var why = "\(light.rawValue)灯"
        if let l = likelihood, l.isDoubtful { why += "，完成目标可能性“\(l.rawValue)”" }
        let missing = [noCategory ? "未勾选偏差原因类别" : nil, noText ? "未填原因说明" : nil].compactMap { $0 }
        return "第\(row + 1)行“\(name)”（\(why)）：\(missing.joined(separator: "、"))"
    }
}

extension Monitor {
    /// The submission check of an entry: its lights, then the rows lacking a required reason.
    public func submissionCheck(table: GoalTable, entry: MonitoringEntry) -> SubmissionCheck {
        SubmissionCheck(lights: lights(table: table, entry: entry), entry: entry)
    }
}
