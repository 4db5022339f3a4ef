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
        String(decoding: serializedUTF8(), as: UTF8.self)
    }

    /// `serialized()` as UTF-8 bytes, written straight into one buffer: a large document (an import
    /// of thousands of tables) is written at the speed it is read.
    public func serializedUTF8() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(to: &out, indent: 0)
        return out
    }

    /// A line break and the indent of `depth` levels, as `write` puts between items.
    static func newline(_ depth: Int, to out: inout [UInt8]) {
        out.append(0x0A)
        for _ in 0..<depth { out.append(0x20); out.append(0x20) }
    }

    /// Writes the value as it appears `indent` levels deep (its first line is not indented).
    func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .number(let d): out += Self.format(d).utf8
        case .string(let s): Self.writeString(s, to: &out)
        case .array(let a):
            Self.writeArray(a.count, to: &out, indent: indent) { i, out in a[i].write(to: &out, indent: indent + 1) }
        case .object(let o):
            Self.writeObject(o.map(\.0), to: &out, indent: indent) { i, out in o[i].1.write(to: &out, indent: indent + 1) }
        }
    }

    /// An array of `count` items as `write` lays it out, `item` writing each in turn (`indent + 1`
    /// levels deep): a caller can make the items one at a time rather than hold them all.
    static func writeArray(_ count: Int, to out: inout [UInt8], indent: Int, item: (Int, inout [UInt8]) -> Void) {
        if count == 0 { out += "[]".utf8; return }
        out.append(UInt8(ascii: "["))
        for i in 0..<count {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            newline(indent + 1, to: &out)
            item(i, &out)
        }
        newline(indent, to: &out)
        out.append(UInt8(ascii: "]"))
    }

    /// An object with `keys` as `write` lays it out, `value` writing each key's value (`indent + 1`
    /// levels deep).
    static func writeObject(_ keys: [String], to out: inout [UInt8], indent: Int, value: (Int, inout [UInt8]) -> Void) {
        if keys.isEmpty { out += "{}".utf8; return }
        out.append(UInt8(ascii: "{"))
        for (i, k) in keys.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            newline(indent + 1, to: &out)
            writeString(k, to: &out)
            out.append(UInt8(ascii: ":")); out.append(0x20)
            value(i, &out)
        }
        newline(indent, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// Integers without a fraction; others in the shortest form that reads back exactly.
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d.rounded() == d && abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    /// A JSON string literal, written on the UTF-8 bytes: runs that need no escape are copied whole.
    /// Escaped are `"` `\\`, control characters, and U+2028/U+2029 (E2 80 A8/A9), which JavaScript
    /// reads as line ends.
    public static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var copy = s
        copy.withUTF8 { u in
            var run = 0
            var i = 0
            func flush() { if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<i])) } }
            while i < u.count {
                let b = u[i]
                let escape: StaticString?
                var width = 1
                switch b {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0xE2 where i + 2 < u.count && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9):
                    escape = u[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                default:
                    escape = b < 0x20 ? "" : nil
                }
                guard let escape else { i += 1; continue }
                flush()
                if escape.utf8CodeUnitCount == 0 {
                    // another control character: \u00XX
                    out += "\\u00".utf8
                    out.append(HexDigits.lower[Int(b >> 4)]); out.append(HexDigits.lower[Int(b & 0xF)])
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
                }
                i += width
                run = i
            }
            flush()
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension GoalDocument {
    public var json: JSONValue {
        .object([("format", .string(format)), ("tables", .array(tables.map(\.json)))])
    }
}

extension GoalTable {
    public var json: JSONValue {
        json(indicators: .array(zip(indicators, evaluationsByRow).map { $0.json(evaluation: $1) }))
    }

    /// Writes `json` as it appears `indent` levels deep, byte for byte, making one indicator's value at
    /// a time: a table of 100,000 indicators (a Word table of as many rows) held its whole tree beside
    /// its bytes (issue #23).
    func writeJSON(to out: inout [UInt8], indent: Int) {
        guard case .object(let fields) = json(indicators: .null) else { return }
        let rows = self.rows
        JSONValue.writeObject(fields.map(\.0), to: &out, indent: indent) { i, out in
            guard fields[i].0 == "indicators" else { return fields[i].1.write(to: &out, indent: indent + 1) }
            JSONValue.writeArray(rows.count, to: &out, indent: indent + 1) { r, out in
                rows[r].indicator.json(evaluation: rows[r].evaluation).write(to: &out, indent: indent + 2)
            }
        }
    }

    /// The table's object, `indicators` its list of indicators.
    private func json(indicators: JSONValue) -> JSONValue {
        var o: [(String, JSONValue)] = [
            ("kind", .string(kind.rawValue)), ("title", .string(title)), ("year", .number(year)), ("unit", .string(unit)),
            ("duty", .string(duty)), ("goal", .string(goal)),
            ("project", project.map { .object([("name", .string($0.name)), ("manager", .string($0.manager))]) } ?? .null),
            (
                "funds",
                funds.map {
                    .object([("total", .number($0.total)), ("fiscal", .number($0.fiscal)), ("other", .number($0.other))])
                } ?? .null
            ),
            ("tasks", .array(tasks.map { .object([("name", .string($0.name)), ("content", .string($0.content))]) })),
            ("indicators", indicators),
            (
                "signoff",
                signoff.map { s in
                    .object(
                        [
                            ("filledBy", .string(s.filledBy)), ("phone", .string(s.phone)), ("filledOn", .string(s.filledOn)),
                            ("head", .string(s.head)), ("businessReviewer", .string(s.businessReviewer)),
                            ("performanceReviewer", .string(s.performanceReviewer)),
                        ] + (s.approvalNumber.map { [("approvalNumber", .string($0))] } ?? [])
                            + (s.approvedOn.map { [("approvedOn", .string($0))] } ?? []))
                } ?? .null
            ),
        ]
        if let e = execution {
            var x: [(String, JSONValue)] = [
                ("budget", .number(e.budget)), ("spent", .number(e.spent)), ("weight", .number(e.weight)),
            ]
            if let ex = e.explanation { x.append(("explanation", .string(ex))) }
            o.append(("execution", .object(x)))
        }
        return .object(o)
    }
}

extension Indicator {
    /// The indicator object of the interchange JSON: the plan's fields, then what `evaluation` holds for it.
    public func json(evaluation: IndicatorEvaluation) -> JSONValue {
        var o: [(String, JSONValue)] = []
        if let id { o.append(("id", .string(id))) }
        if let previousId { o.append(("previousId", .string(previousId))) }
        // an empty target cell is no 定性 target: written null, as the transcriptions of real tables record it
        // (`../shared/fixtures/real/README.md`); read back as 定性 with an empty value, so nothing is lost
        let noTarget = type == .qualitative && value.allSatisfy(\.isWhitespace)
        o += [
            ("level1", .string(level1)), ("level2", .string(level2)), ("name", .string(name)),
            ("type", noTarget ? .null : .string(type.rawValue)),
            ("value", noTarget ? .null : .string(value)), ("unit", .string(unit)), ("explanation", .string(explanation)),
            ("scoring", .string(scoring)), ("weight", .number(weight)), ("basis", .string(basis)),
            ("lastYear", .string(lastYear)), ("evidence", .string(evidence)), ("note", .string(note)),
        ]
        if let actual = evaluation.actual { o.append(("actual", .string(actual))) }
        if let deviation = evaluation.deviation { o.append(("deviation", .string(deviation))) }
        return .object(o)
    }
}
