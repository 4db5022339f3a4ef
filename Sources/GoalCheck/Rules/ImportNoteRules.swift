import GoalCore

/// What the importer repaired or could not read, as findings: one list for the user.
/// Repairs are hints (the program moved something; a person should look), what could not be read is
/// a warning (something may be missing). Deliberate skips (填表说明, empty header rows) are not shown:
/// they are boilerplate, and listing them would bury the findings that matter.
enum ImportNoteRules {
    static func findings(for notes: [ImportNote], rules: CompiledProfile) -> [Finding] {
        var out: [Finding] = []
        for note in notes {
            let rule: Rule
            switch note.kind {
            case .repaired: rule = RuleCatalogue.importRepaired
            case .unreadable: rule = RuleCatalogue.importUnreadable
            case .skipped: continue
            }
            if rules.disabled.contains(rule.code) { continue }
            let loc = note.location
            var place = loc.description
            if place.isEmpty { place = "导入" }
            let fix = note.kind == .repaired ? "请对照原表核对修正结果" : "请对照原表补录缺失内容"
            out.append(Finding(
                table: loc.table ?? 0, indicator: loc.indicator, field: loc.field,
                severity: rules.severities[rule.code] ?? rule.severity, code: rule.code,
                message: "\(place)：\(Display.clip(note.message, 200))", suggestion: fix, profile: rules.name))
        }
        return out
    }
}
