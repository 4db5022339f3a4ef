import GoalCore

/// The explainable checker: tables in, findings out, each naming its table, row and column.
/// Pure and deterministic; safe to share across threads.
public struct Checker: Sendable {
    /// The profile chosen by the user; nil lets each table be checked under the built-in profile
    /// that fits its form (see `profile(for:)`).
    public let profile: Profile?
    let compiled: CompiledProfile?

    public init(profile: Profile? = nil) {
        self.profile = profile
        if let profile {
            compiled =
                CompiledProfile.builtIn[profile.name].flatMap { $0.profile == profile ? $0 : nil }
                ?? CompiledProfile(profile)
        } else {
            compiled = nil
        }
    }

    public func check(_ document: GoalDocument, importNotes: [ImportNote] = []) -> [Finding] {
        check(document.tables, importNotes: importNotes)
    }

    /// Checks every table, adds the importer's notes as findings, and returns them in document order.
    public func check(_ tables: [GoalTable], importNotes: [ImportNote] = []) -> [Finding] {
        // tables are checked independently: a paste of thousands checks them on all cores
        var out: [Finding] =
            tables.count < 64
            ? tables.enumerated().flatMap { i, t in check(t, at: i) }
            : Parallel.map(tables.count) { i in check(tables[i], at: i) }.flatMap { $0 }
        out += ImportNoteRules.findings(for: importNotes, tables: tables, rules: compiled ?? Self.autoRules(for: tables.first))
        out.sort(by: Finding.documentOrder)
        for k in out.indices {
            guard let i = out[k].indicator, out[k].table < tables.count, i < tables[out[k].table].indicators.count else {
                continue
            }
            out[k].indicatorId = tables[out[k].table].indicators[i].id
        }
        return out
    }

    /// Checks one table; `index` is its place in the document, used in messages and findings.
    public func check(_ table: GoalTable, at index: Int) -> [Finding] {
        var run = TableCheck(table: table, index: index, rules: compiled)
        return run.run()
    }

    /// The built-in profile a table is checked under when the user names none: the provincial one for
    /// the provincial form or a table with 投入管理指标; the legacy one when the table has no 成本 一级 and either files 成本指标 as a
    /// 二级 under 产出指标 (the old taxonomy) or is for a year before 2022; otherwise the current one.
    public static func profile(for table: GoalTable) -> Profile { autoRules(for: table).profile }

    private static func autoRules(for table: GoalTable?) -> CompiledProfile {
        guard let table else { return CompiledProfile.builtIn["current"]! }
        return table.indicators.withUnsafeBufferPointer { autoRules(for: table, keys: LevelKeys($0)) }
    }

    /// `autoRules(for:)` from the table's level keys, made once for choosing and checking.
    static func autoRules(for table: GoalTable, keys: LevelKeys) -> CompiledProfile {
        if table.kind == .provincial { return AutoProfiles.provincial }
        var costAsLevel2 = false, costAsLevel1 = false
        for (k1, k2) in zip(keys.level1, keys.level2) {
            // 投入管理指标 exists only in the provincial taxonomy: the form is provincial whatever its title.
            if k1 == Words.inputKey { return AutoProfiles.provincial }
            if k1 == Words.costKey { costAsLevel1 = true; break }
            if k1 == Words.outputKey && k2 == Words.costKey { costAsLevel2 = true }
        }
        // Before the 2022 budgets (财预〔2021〕101号) 成本 was not a 一级 of its own: an older table
        // without a 成本 一级 is checked under the legacy taxonomy and not told that 成本指标 is missing.
        let older = (table.year ?? 9999) < 2022
        return !costAsLevel1 && (costAsLevel2 || older) ? AutoProfiles.legacy : AutoProfiles.current
    }
}

/// The three built-in profiles `autoRules` chooses from, looked up by name once for the process:
/// every table checked without a named profile hashed a name to find its profile.
private enum AutoProfiles {
    static let current = CompiledProfile.builtIn["current"]!
    static let legacy = CompiledProfile.builtIn["legacy"]!
    static let provincial = CompiledProfile.builtIn["provincial"]!
}
