import GoalCore

/// What the importer repaired or could not read, as findings: one list for the user.
/// A repair is a hint (the program moved something; a person should look), or a warning when the
/// importer had to supply what was not printed (`ImportNote.isGuess`). What could not be read is a warning
/// (something may be missing), or an error when nothing of a table's indicators was read.
/// Deliberate skips (填表说明, empty header rows) are not shown: they are boilerplate, and listing
/// them would bury the findings that matter.
enum ImportNoteRules {
    static func findings(for notes: [ImportNote], tables: [GoalTable], rules: CompiledProfile) -> [Finding] {
        var out: [Finding] = []
        for note in notes {
            // a note's message is composed from its code each time it is asked for: once here
            let message = note.message
            let rule: Rule
            var severity: Severity
            switch note.kind {
            case .repaired:
                rule = RuleCatalogue.importRepaired
                severity = note.isGuess ? .warning : rule.severity
            case .unreadable:
                rule = RuleCatalogue.importUnreadable
                let nothingRead = note.location.table.map { $0 < tables.count && tables[$0].indicators.isEmpty } ?? tables.isEmpty
                severity = nothingRead ? .error : rule.severity
            case .skipped: continue
            }
            if rules.disabled.contains(rule.code) { continue }
            if let override = rules.severities[rule.code] { severity = override }
            let loc = note.location
            var place = loc.description
            if place.isEmpty { place = "导入" }
            let fix = note.kind == .repaired ? "请对照原表核对修正结果" : "请对照原表补录缺失内容"
            out.append(
                Finding(
                    table: loc.table ?? 0, indicator: loc.indicator, field: loc.field,
                    severity: severity, code: rule.code,
                    message: "\(place)：\(Display.clip(message, 200))", suggestion: fix, profile: rules.name,
                    importCode: note.rawCode))
        }
        return out
    }
}
