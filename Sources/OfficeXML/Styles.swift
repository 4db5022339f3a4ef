import Foundation

/// How a cell's number format makes a number look; all the reader needs from `styles.xml`.
enum NumberFormatKind: Equatable, Sendable {
    case general
    case date(hasDate: Bool, hasTime: Bool)
    case percent(decimals: Int)
    case fixed(decimals: Int)

    /// Excel's built-in format ids. Ids 27–36 and 50–58 are the East Asian date and time formats
    /// (e.g. 31 is `yyyy"年"m"月"d"日"`); their codes are not written into the file.
    static func builtIn(_ id: Int) -> NumberFormatKind {
        switch id {
        case 9: return .percent(decimals: 0)
        case 10: return .percent(decimals: 2)
        case 2: return .fixed(decimals: 2)
        case 14...17, 27...31, 36, 50...54, 57, 58: return .date(hasDate: true, hasTime: false)
        case 18...21, 32...35, 45...47, 55, 56: return .date(hasDate: false, hasTime: true)
        case 22: return .date(hasDate: true, hasTime: true)
        default: return .general
        }
    }

    /// Classifies a custom format code such as `yyyy"年"m"月"d"日"`, `0.0%` or `[$-804]yyyy/m/d`.
    static func custom(_ code: String) -> NumberFormatKind {
        // Only the first section (positive numbers) decides how a value looks.
        var section: [Character] = []
        var inQuotes = false
        var inBrackets = false
        var skipNext = false
        for character in code {
            if skipNext { skipNext = false; continue }
            if inQuotes { if character == "\"" { inQuotes = false }; continue }
            if inBrackets {
                if character == "]" {
                    inBrackets = false
                }
                // Elapsed time such as [h]:mm still means a time.
                else if "hms".contains(character.lowercased()) {
                    section.append(Character(character.lowercased()))
                }
                continue
            }
            switch character {
            case "\"": inQuotes = true
            case "[": inBrackets = true
            case "\\", "_", "*": skipNext = true
            case ";": break
            default: section.append(character)
            }
            if character == ";" { break }
        }
        let text = String(section).lowercased()
        if text.contains("general") { return .general }
        let hasDate = text.contains(where: { "yd年月日".contains($0) })
        let hasTime = text.contains(where: { "hs时分秒".contains($0) }) || text.contains("am/pm") || text.contains("上午")
        if hasDate || hasTime { return .date(hasDate: hasDate, hasTime: hasTime) }
        // A lone `m` (as in `mmm`) is a month.
        if text.contains("m") { return .date(hasDate: true, hasTime: false) }
        let decimals: Int = {
            guard let dot = text.firstIndex(of: ".") else { return 0 }
            return text[text.index(after: dot)...].prefix(while: { $0 == "0" || $0 == "#" }).count
        }()
        if text.contains("%") { return .percent(decimals: decimals) }
        if decimals > 0, text.allSatisfy({ "0#,.".contains($0) }) { return .fixed(decimals: decimals) }
        return .general
    }
}

extension NumberFormatKind {
    /// A number as a cell of this format shows it; shared by the .xlsx and .xls readers so that
    /// the same cell reads the same from either file.
    func value(_ number: Double, dateSystem: DateSystem) -> CellValue {
        switch self {
        case .general: return .number(number)
        case .percent(let decimals): return .number(number, text: NumberText.percent(number, decimals: decimals))
        case .fixed(let decimals): return .number(number, text: NumberText.fixed(number, decimals: decimals))
        case .date(let hasDate, let hasTime):
            guard let date = dateSystem.date(fromSerial: number, hasDate: hasDate, hasTime: hasTime) else {
                return .number(number)
            }
            return .date(date)
        }
    }
}

/// The number formats of a workbook's cell styles, indexed by a cell's `s` attribute (in an .xls,
/// a cell's XF index).
struct StyleFormats: Sendable {
    var kinds: [NumberFormatKind] = []

    func kind(ofStyle index: Int) -> NumberFormatKind {
        index >= 0 && index < kinds.count ? kinds[index] : .general
    }

    static func parse(_ data: Data, part: String) throws -> StyleFormats {
        try data.scanXML(part: part) { scanner in
            var custom: [Int: NumberFormatKind] = [:]
            var result = StyleFormats()
            var inCellXfs = false
            while true {
                switch try scanner.next() {
                case .eof:
                    return result
                case .start:
                    if scanner.nameIs("numFmt"), let id = scanner.intAttribute("numFmtId") {
                        custom[id] = NumberFormatKind.custom(scanner.attribute("formatCode") ?? "")
                    } else if scanner.nameIs("cellXfs") {
                        inCellXfs = true
                    } else if inCellXfs, scanner.nameIs("xf") {
                        let id = scanner.intAttribute("numFmtId") ?? 0
                        result.kinds.append(custom[id] ?? NumberFormatKind.builtIn(id))
                    }
                case .end:
                    if scanner.nameIs("cellXfs") { inCellXfs = false }
                case .text:
                    break
                }
            }
        }
    }
}
