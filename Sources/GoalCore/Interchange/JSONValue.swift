/// A JSON value whose objects keep their key order, so that interchange files list the keys in the
/// order `interchange.md` gives them (Foundation's encoder on Linux does not keep any order).
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .null: h.combine(0)
        case .bool(let b): h.combine(b)
        case .number(let d): h.combine(d)
        case .string(let s): h.combine(s)
        case .array(let a): h.combine(a)
        case .object(let o): for (k, v) in o { h.combine(k); h.combine(v) }
        }
    }

    public static func string(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    public static func number(_ d: Double?) -> JSONValue { d.map(JSONValue.number) ?? .null }
    public static func number(_ i: Int?) -> JSONValue { i.map { .number(Double($0)) } ?? .null }

    /// Pretty-printed with two-space indents; non-ASCII text is written as is.
    public func serialized() -> String {
        var out = ""
        write(to: &out, indent: 0)
        return out
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d): out += Self.format(d)
        case .string(let s): Self.writeString(s, to: &out)
        case .array(let a):
            if a.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, v) in a.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                v.write(to: &out, indent: indent + 1)
                out += i + 1 < a.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .object(let o):
            if o.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (k, v)) in o.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                Self.writeString(k, to: &out)
                out += ": "
                v.write(to: &out, indent: indent + 1)
                out += i + 1 < o.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        }
    }

    /// Integers without a fraction; others in the shortest form that reads back exactly.
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d.rounded() == d && abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}

extension GoalDocument {
    public var json: JSONValue {
        .object([("format", .string(format)), ("tables", .array(tables.map(\.json)))])
    }
}

extension GoalTable {
    public var json: JSONValue {
        var o: [(String, JSONValue)] = [
            ("kind", .string(kind.rawValue)), ("title", .string(title)), ("year", .number(year)), ("unit", .string(unit)),
            ("duty", .string(duty)), ("goal", .string(goal)),
            ("project", project.map { .object([("name", .string($0.name)), ("manager", .string($0.manager))]) } ?? .null),
            ("funds", funds.map { .object([("total", .number($0.total)), ("fiscal", .number($0.fiscal)), ("other", .number($0.other))]) } ?? .null),
            ("tasks", .array(tasks.map { .object([("name", .string($0.name)), ("content", .string($0.content))]) })),
            ("indicators", .array(indicators.map(\.json))),
            ("signoff", signoff.map { s in .object([
                ("filledBy", .string(s.filledBy)), ("phone", .string(s.phone)), ("filledOn", .string(s.filledOn)),
                ("head", .string(s.head)), ("businessReviewer", .string(s.businessReviewer)),
                ("performanceReviewer", .string(s.performanceReviewer)),
            ]) } ?? .null),
        ]
        if let e = execution {
            var x: [(String, JSONValue)] = [("budget", .number(e.budget)), ("spent", .number(e.spent)), ("weight", .number(e.weight))]
            if let ex = e.explanation { x.append(("explanation", .string(ex))) }
            o.append(("execution", .object(x)))
        }
        return .object(o)
    }
}

extension Indicator {
    public var json: JSONValue {
        var o: [(String, JSONValue)] = [
            ("level1", .string(level1)), ("level2", .string(level2)), ("name", .string(name)), ("type", .string(type.rawValue)),
            ("value", .string(value)), ("unit", .string(unit)), ("explanation", .string(explanation)),
            ("scoring", .string(scoring)), ("weight", .number(weight)), ("basis", .string(basis)),
            ("lastYear", .string(lastYear)), ("evidence", .string(evidence)), ("note", .string(note)),
        ]
        if let actual { o.append(("actual", .string(actual))) }
        if let deviation { o.append(("deviation", .string(deviation))) }
        return .object(o)
    }
}
