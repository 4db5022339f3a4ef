import Foundation

/// What a cell holds, as read from the file. Each case keeps what the user sees via `displayText`.
public enum CellValue: Hashable, Sendable {
    case empty
    case string(String)
    /// A number and its text as the cell's number format shows it (`95%`, `12.5`, `3`).
    case number(Double, text: String)
    case bool(Bool)
    case date(CellDate)
    /// An error value such as `#DIV/0!` or `#N/A`.
    case error(String)

    /// A number shown in the General format: no trailing `.0`, no floating-point noise.
    public static func number(_ value: Double) -> CellValue {
        .number(value, text: NumberText.general(value))
    }

    /// The text as a user sees it in Excel: numbers without trailing `.0`, dates as `2025-12-12`.
    public var displayText: String {
        switch self {
        case .empty: return ""
        case .string(let text): return text
        case .number(_, let text): return text
        case .bool(let value): return value ? "TRUE" : "FALSE"
        case .date(let date): return date.displayText
        case .error(let code): return code
        }
    }

    public var isEmpty: Bool {
        switch self {
        case .empty: return true
        case .string(let text): return text.isEmpty
        default: return false
        }
    }
}

/// A date or time read from a cell. Excel stores these as serial numbers; the cell's format says
/// whether the date part, the time part or both matter.
public struct CellDate: Hashable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// False for time-only formats such as `h:mm`.
    public var hasDate: Bool
    /// True when the format shows hours, minutes or seconds.
    public var hasTime: Bool

    public init(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        hasDate: Bool = true, hasTime: Bool = false
    ) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.hasDate = hasDate
        self.hasTime = hasTime
    }

    /// `2025-12-12`, `2025-12-12 08:30`, or `08:30:15` for a time alone.
    public var displayText: String {
        var parts: [String] = []
        if hasDate || !hasTime {
            parts.append("\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))")
        }
        if hasTime {
            var time = "\(pad(hour, 2)):\(pad(minute, 2))"
            if second != 0 || !hasDate { time += ":\(pad(second, 2))" }
            parts.append(time)
        }
        return parts.joined(separator: " ")
    }

    public var description: String { displayText }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

/// Turning numbers into the text a user sees.
enum NumberText {
    /// Excel's General format: integers without `.0`; otherwise at most 15 significant digits
    /// so that `0.1 + 0.2` shows as `0.3`.
    static func general(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "#NUM!" : (value > 0 ? "∞" : "-∞") }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        let shortest = value.description
        if shortest.count <= 16, !shortest.contains("e") { return shortest }
        return trimmed(String(format: "%.15g", value))
    }

    /// A percentage with the format's number of decimals: `0.955` with `0.0%` gives `95.5%`.
    static func percent(_ value: Double, decimals: Int) -> String {
        let scaled = value * 100
        if decimals == 0 { return general(scaled.rounded()) + "%" }
        return String(format: "%.\(decimals)f", scaled) + "%"
    }

    /// Fixed decimals as in `0.00`.
    static func fixed(_ value: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// Drops a trailing fractional zero run from `%g` output (`1.50000` → `1.5`).
    private static func trimmed(_ text: String) -> String {
        guard text.contains("."), !text.contains("e") else { return text }
        var result = Substring(text)
        while result.hasSuffix("0") { result = result.dropLast() }
        if result.hasSuffix(".") { result = result.dropLast() }
        return String(result)
    }

    /// Writes a number into XML the way Excel does: integers plainly, others round-trip exact.
    static func appendXML(_ value: Double, to buffer: inout [UInt8]) {
        if value == value.rounded(), abs(value) < 1e15 {
            appendInt(Int(value), to: &buffer)
        } else {
            buffer.append(contentsOf: value.description.utf8)
        }
    }

    static func appendInt(_ value: Int, to buffer: inout [UInt8]) {
        if value < 0 {
            buffer.append(UInt8(ascii: "-"))
            appendInt(-value, to: &buffer)
            return
        }
        if value < 10 {
            buffer.append(UInt8(48 + value))
            return
        }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { raw in
            while rest > 0 {
                raw[count] = UInt8(48 + rest % 10)
                rest /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[index]) }
        }
    }
}
