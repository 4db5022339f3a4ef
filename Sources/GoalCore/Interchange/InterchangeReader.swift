import Foundation

/// Reads interchange JSON straight from its bytes into the model, for the hot paths: the editor asks the
/// check and score API on every pause in typing, and Foundation's `JSONDecoder` on Linux first builds a
/// tree of boxed values and then walks it through Codable's dynamic containers, which costs more than
/// checking the table.
///
/// It accepts exactly what `JSONDecoder` with the models' `init(from:)` accepts and gives up (nil) on
/// anything else: malformed JSON, a wrong type, a missing required key, a duplicate key, invalid UTF-8,
/// nesting deeper than `maxDepth`. Callers then decode with `JSONDecoder`, whose errors name the JSON
/// path, so the fast path never changes what is accepted or what an error says (`GoalDocument.decode`).
public enum InterchangeReader {
    /// The top-level object of an interchange document or of an API request carrying tables.
    public struct Top: Sendable {
        /// `format` when it is a string (nil when absent or null).
        public var format: String?
        /// `tables` when present and not null.
        public var tables: [GoalTable]?
        /// The other keys whose value is not null (and `format` when it is not a string), so that a caller
        /// expecting more than tables can fall back to its own decoder.
        public var otherKeys: [String]
    }

    /// Deeper nesting than this is left to `JSONDecoder`; interchange JSON is four levels deep.
    static let maxDepth = 64

    public static func readTop(_ data: Data) -> Top? {
        data.withUnsafeBytes { readTop($0) }
    }

    public static func readTop(_ bytes: UnsafeRawBufferPointer) -> Top? {
        var s = JSONByteScanner(bytes)
        do {
            let top = try s.top()
            try s.end()
            return top
        } catch {
            return nil
        }
    }

    /// One table (`{"kind": …, "indicators": […]}`), as stored by the web application.
    public static func readTable(_ data: Data) -> GoalTable? {
        data.withUnsafeBytes { readTable($0) }
    }

    public static func readTable(_ bytes: UnsafeRawBufferPointer) -> GoalTable? {
        var s = JSONByteScanner(bytes)
        do {
            let t = try s.table()
            try s.end()
            return t
        } catch {
            return nil
        }
    }
}

/// Why the fast path stopped; never shown to anyone (the caller decodes again with `JSONDecoder`).
struct GiveUp: Error {}

/// A cursor over JSON bytes with the few readers the interchange model needs.
struct JSONByteScanner {
    private let p: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0

    init(_ raw: UnsafeRawBufferPointer) {
        p = raw.bindMemory(to: UInt8.self)
    }

    // MARK: the interchange shapes

    mutating func top() throws(GiveUp) -> InterchangeReader.Top {
        var top = InterchangeReader.Top(format: nil, tables: nil, otherKeys: [])
        var seen = KeySet()
        try object { (s, key) throws(GiveUp) in
            switch key {
            case "format":
                try seen.insert(0)
                if s.peekIsString {
                    top.format = try s.string()
                } else if try !s.null() {
                    try s.skip(); top.otherKeys.append(try Self.text(key))
                }
            case "tables":
                try seen.insert(1)
                top.tables = try s.null() ? nil : try s.array { (s) throws(GiveUp) in try s.table() }
            default:
                if try !s.null() { try s.skip(); top.otherKeys.append(try Self.text(key)) }
            }
        }
        return top
    }

    private static func text(_ key: Key) throws(GiveUp) -> String {
        guard let t = key.text else { throw GiveUp() }
        return t
    }

    mutating func table() throws(GiveUp) -> GoalTable {
        var kind: TableKind?, title: String?, year: Int?, unit: String?, duty: String?, goal: String?
        var project: ProjectInfo?, funds: Funds?, tasks: [AnnualTask]?, indicators: [IndicatorRow]?
        var signoff: Signoff?, execution: Execution?
        var seen = KeySet()
        try object { (s, key) throws(GiveUp) in
            switch key {
            case "kind":
                try seen.insert(0)
                guard let k = try s.optString().flatMap(TableKind.init(rawValue:)) else { throw GiveUp() }
                kind = k
            case "title": try seen.insert(1); title = try s.optString()
            case "year": try seen.insert(2); year = try s.optInt()
            case "unit": try seen.insert(3); unit = try s.optString()
            case "duty": try seen.insert(4); duty = try s.optString()
            case "goal": try seen.insert(5); goal = try s.optString()
            case "project": try seen.insert(6); project = try s.null() ? nil : try s.project()
            case "funds": try seen.insert(7); funds = try s.null() ? nil : try s.funds()
            case "tasks": try seen.insert(8); tasks = try s.null() ? nil : try s.array { (s) throws(GiveUp) in try s.task() }
            case "indicators":
                try seen.insert(9)
                indicators = try s.null() ? nil : try s.array { (s) throws(GiveUp) in try s.indicator() }
            case "signoff": try seen.insert(10); signoff = try s.null() ? nil : try s.signoff()
            case "execution": try seen.insert(11); execution = try s.null() ? nil : try s.execution()
            default: try s.skip()
            }
        }
        // as `GoalTable.init(from:)`: a missing or null kind is an error there too
        guard let kind else { throw GiveUp() }
        var t = GoalTable(
            kind: kind, title: title, year: year, unit: unit ?? "", duty: duty, goal: goal,
            project: project, funds: funds, tasks: tasks ?? [], indicators: (indicators ?? []).map(\.indicator),
            signoff: signoff, execution: execution)
        // a plan without 自评 values (every check of the editor) has nothing to enter
        if let indicators, indicators.contains(where: { !$0.evaluation.isEmpty }) {
            t.setEvaluationsByRow(indicators.map(\.evaluation))
        }
        t.title = title ?? kind.officialTitle
        return t
    }

    /// An indicator object: the plan's fields and its 自评 values, which `table()` files beside the plan.
    mutating func indicator() throws(GiveUp) -> IndicatorRow {
        var ind = Indicator(level1: "", level2: "", name: "", type: .qualitative, value: "")
        var values = IndicatorEvaluation()
        var seen = KeySet()
        try object { (s, key) throws(GiveUp) in
            switch key {
            case "level1": try seen.insert(0); ind.level1 = try s.optString() ?? ""
            case "level2": try seen.insert(1); ind.level2 = try s.optString() ?? ""
            case "name": try seen.insert(2); ind.name = try s.optString() ?? ""
            case "type":
                try seen.insert(3)
                let text = try s.optString() ?? Comparison.qualitative.rawValue
                guard let t = Comparison(rawValue: text) ?? Comparison.parse(text) else { throw GiveUp() }
                ind.type = t
            case "value": try seen.insert(4); ind.value = try s.optString() ?? ""
            case "unit": try seen.insert(5); ind.unit = try s.optString()
            case "explanation": try seen.insert(6); ind.explanation = try s.optString()
            case "scoring": try seen.insert(7); ind.scoring = try s.optString()
            case "weight": try seen.insert(8); ind.weight = try s.optDouble()
            case "basis": try seen.insert(9); ind.basis = try s.optString()
            case "lastYear": try seen.insert(10); ind.lastYear = try s.optString()
            case "evidence": try seen.insert(11); ind.evidence = try s.optString()
            case "note": try seen.insert(12); ind.note = try s.optString()
            case "actual": try seen.insert(13); values.actual = try s.looseString()
            case "deviation": try seen.insert(14); values.deviation = try s.optString()
            case "id": try seen.insert(15); ind.id = try s.optString()
            case "previousId": try seen.insert(16); ind.previousId = try s.optString()
            default: try s.skip()
            }
        }
        return IndicatorRow(ind, values)
    }

    private mutating func project() throws(GiveUp) -> ProjectInfo {
        var v = ProjectInfo(), seen = KeySet()
        try object { (s, key) throws(GiveUp) in
            switch key {
            case "name": try seen.insert(0); v.name = try s.optString()
            case "manager": try seen.insert(1); v.manager = try s.optString()
            default: try s.skip()
            }
        }
        return v
    }

    private mutating func funds() throws(GiveUp) -> Funds {
        var v = Funds(), seen = KeySet()
        try object { (s, key) throws(GiveUp) in
            switch key {
            case "total": try seen.insert(0); v.total = try s.optDouble()
            case "fiscal": try seen.insert(1); v.fiscal = try s.optDouble()
            case "other": try seen.insert(2); v.other = try s.optDouble()
            default: try s.skip()
            }
        }
        return v
    }

    private mutating func task() throws(GiveUp) -> AnnualTask {
        var name: String?, content: String?, seen = KeySet()
        try object { (s, key) throws(GiveUp) in
            switch key {
            case "name": try seen.insert(0); name = try s.string() // required, not null
            case "content": try seen.insert(1); content = try s.optString()
            default: try s.skip()
            }
        }
        guard let name else { throw GiveUp() }
        return AnnualTask(name: name, content: content)
    }

    private mutating func signoff() throws(GiveUp) -> Signoff {
        var v = Signoff(), seen = KeySet()
        try object { (s, key) throws(GiveUp) in
            switch key {
            case "filledBy": try seen.insert(0); v.filledBy = try s.optString()
            case "phone": try seen.insert(1); v.phone = try s.optString()
            case "filledOn": try seen.insert(2); v.filledOn = try s.optString()
            case "head": try seen.insert(3); v.head = try s.optString()
            case "businessReviewer": try seen.insert(4); v.businessReviewer = try s.optString()
            case "performanceReviewer": try seen.insert(5); v.performanceReviewer = try s.optString()
            case "approvalNumber": try seen.insert(6); v.approvalNumber = try s.optString()
            case "approvedOn": try seen.insert(7); v.approvedOn = try s.optString()
            default: try s.skip()
            }
        }
        return v
    }

    private mutating func execution() throws(GiveUp) -> Execution {
        var budget: Double?, spent: Double?, weight: Double?, explanation: String?, seen = KeySet()
        try object { (s, key) throws(GiveUp) in
            switch key {
            case "budget": try seen.insert(0); budget = try s.double()
            case "spent": try seen.insert(1); spent = try s.double()
            case "weight": try seen.insert(2); weight = try s.double()
            case "explanation": try seen.insert(3); explanation = try s.optString()
            default: try s.skip()
            }
        }
        guard let budget, let spent, let weight else { throw GiveUp() }
        return Execution(budget: budget, spent: spent, weight: weight, explanation: explanation)
    }

    // MARK: JSON values

    /// Keys already read in one object: a repeated key is left to `JSONDecoder` to judge.
    struct KeySet {
        private var bits: UInt32 = 0
        mutating func insert(_ n: Int) throws(GiveUp) {
            let b: UInt32 = 1 << UInt32(n)
            guard bits & b == 0 else { throw GiveUp() }
            bits |= b
        }
    }

    mutating func end() throws(GiveUp) {
        skipSpace()
        guard i == p.count else { throw GiveUp() }
    }

    private mutating func skipSpace() {
        while i < p.count {
            switch p[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    private mutating func peek() -> UInt8? {
        skipSpace()
        return i < p.count ? p[i] : nil
    }

    /// The next byte after white space, which must exist.
    private mutating func next() throws(GiveUp) -> UInt8 {
        guard let c = peek() else { throw GiveUp() }
        return c
    }

    var peekIsString: Bool {
        mutating get { peek() == UInt8(ascii: "\"") }
    }

    private mutating func expect(_ c: UInt8) throws(GiveUp) {
        guard peek() == c else { throw GiveUp() }
        i += 1
    }

    private mutating func literal(_ word: StaticString) throws(GiveUp) {
        let n = word.utf8CodeUnitCount
        guard i + n <= p.count else { throw GiveUp() }
        let w = word.utf8Start
        for k in 0..<n where p[i + k] != w[k] { throw GiveUp() }
        i += n
    }

    /// Reads `null` and says so; anything else is left where it is.
    mutating func null() throws(GiveUp) -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// `{ "key": value, … }`; `body` reads each value.
    private mutating func object(_ body: (inout JSONByteScanner, Key) throws(GiveUp) -> Void) throws(GiveUp) {
        try expect(UInt8(ascii: "{"))
        depth += 1
        guard depth <= InterchangeReader.maxDepth else { throw GiveUp() }
        if peek() == UInt8(ascii: "}") { i += 1; depth -= 1; return }
        while true {
            guard peekIsString else { throw GiveUp() }
            let key = try rawKey()
            try expect(UInt8(ascii: ":"))
            try body(&self, key)
            switch try next() {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "}"): i += 1; depth -= 1; return
            default: throw GiveUp()
            }
        }
    }

    private mutating func array<T>(_ element: (inout JSONByteScanner) throws(GiveUp) -> T) throws(GiveUp) -> [T] {
        try expect(UInt8(ascii: "["))
        depth += 1
        guard depth <= InterchangeReader.maxDepth else { throw GiveUp() }
        var out: [T] = []
        if peek() == UInt8(ascii: "]") { i += 1; depth -= 1; return out }
        while true {
            out.append(try element(&self))
            switch try next() {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "]"): i += 1; depth -= 1; return out
            default: throw GiveUp()
            }
        }
    }

    /// Any value, checked for syntax and UTF-8 as `JSONDecoder` would, and dropped.
    mutating func skip() throws(GiveUp) {
        switch try next() {
        case UInt8(ascii: "{"): try object { (s, _) throws(GiveUp) in try s.skip() }
        case UInt8(ascii: "["): _ = try array { (s) throws(GiveUp) in try s.skip() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try numberText()
        }
    }

    mutating func optString() throws(GiveUp) -> String? {
        try null() ? nil : try string()
    }

    /// `actual`: text as is, a number as its text (as `Indicator.init(from:)`), anything else nil.
    mutating func looseString() throws(GiveUp) -> String? {
        switch try next() {
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let d = try double()
            return d.isFinite ? TextNormalizer.format(d, decimals: 6) : nil
        default:
            try skip()
            return nil
        }
    }

    mutating func optDouble() throws(GiveUp) -> Double? {
        try null() ? nil : try double()
    }

    mutating func double() throws(GiveUp) -> Double {
        let (start, end, _) = try numberText()
        // the text is plain ASCII checked against JSON's number grammar
        guard let d = Double(String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self)),
            d.isFinite
        else { throw GiveUp() }
        return d
    }

    /// Whole numbers written without a fraction or exponent; anything else is left to `JSONDecoder`.
    mutating func optInt() throws(GiveUp) -> Int? {
        if try null() { return nil }
        let (start, end, isInteger) = try numberText()
        guard isInteger, end - start <= 18 else { throw GiveUp() }
        var n = 0, k = start, negative = false
        if p[k] == UInt8(ascii: "-") { negative = true; k += 1 }
        while k < end { n = n * 10 + Int(p[k] &- 0x30); k += 1 }
        return negative ? -n : n
    }

    /// The bounds of a number that follows JSON's grammar: `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`.
    private mutating func numberText() throws(GiveUp) -> (Int, Int, Bool) {
        skipSpace()
        let start = i
        var isInteger = true
        if i < p.count && p[i] == UInt8(ascii: "-") { i += 1 }
        guard i < p.count, isDigit(p[i]) else { throw GiveUp() }
        if p[i] == UInt8(ascii: "0") { i += 1 } else { while i < p.count && isDigit(p[i]) { i += 1 } }
        if i < p.count && p[i] == UInt8(ascii: ".") {
            isInteger = false; i += 1
            guard i < p.count, isDigit(p[i]) else { throw GiveUp() }
            while i < p.count && isDigit(p[i]) { i += 1 }
        }
        if i < p.count && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
            isInteger = false; i += 1
            if i < p.count && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-")) { i += 1 }
            guard i < p.count, isDigit(p[i]) else { throw GiveUp() }
            while i < p.count && isDigit(p[i]) { i += 1 }
        }
        return (start, i, isInteger)
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// An object's key as its bytes in place, matched against the model's names without making a `String`:
    /// an indicator has up to seventeen keys, each made and compared as a `String` before; reading the check
    /// API's body went from 15.5 % to 10.7 % of the server's samples under `wrk` (`perf`). A key written
    /// with escapes (`"\u006bind"`) is left to `JSONDecoder`, like every other rare form.
    struct Key {
        let bytes: UnsafeBufferPointer<UInt8>

        /// The key as text, for the few places that keep it (`Top.otherKeys`); nil if it is not UTF-8.
        var text: String? { String(validating: bytes, as: UTF8.self) }

        static func ~= (name: StaticString, key: Key) -> Bool {
            // `withUTF8Buffer`, not `utf8Start`: a one-scalar literal may be stored without a pointer
            name.utf8CodeUnitCount == key.bytes.count
                && name.withUTF8Buffer { $0.elementsEqual(key.bytes) }
        }
    }

    private mutating func rawKey() throws(GiveUp) -> Key {
        try expect(UInt8(ascii: "\""))
        let start = i
        var ascii = true
        while i < p.count {
            let b = p[i]
            if b == UInt8(ascii: "\"") {
                defer { i += 1 }
                let key = Key(bytes: UnsafeBufferPointer(rebasing: p[start..<i]))
                // the model's names are ASCII; another key must still be UTF-8, as `JSONDecoder` insists
                guard ascii || key.text != nil else { throw GiveUp() }
                return key
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { throw GiveUp() }
            ascii = ascii && b < 0x80
            i += 1
        }
        throw GiveUp()
    }

    /// A string: the common case (no escapes) is one UTF-8 validation of the bytes in place.
    mutating func string() throws(GiveUp) -> String {
        try expect(UInt8(ascii: "\""))
        let start = i
        while i < p.count {
            let b = p[i]
            if b == UInt8(ascii: "\"") {
                defer { i += 1 }
                return try validated(UnsafeBufferPointer(rebasing: p[start..<i]))
            }
            if b == UInt8(ascii: "\\") { return try escapedString(from: start) }
            if b < 0x20 { throw GiveUp() } // control characters must be escaped
            i += 1
        }
        throw GiveUp()
    }

    /// `String(validating:as:)` reaches the standard library unspecialised (its generic `_validate`
    /// was 3 % of the check API's time); `String(decoding:as:)` on a buffer of bytes takes the fast
    /// path. It repairs rather than fails, so the bytes are compared after: output equal to the input
    /// means the input was valid UTF-8 (a repair always changes the bytes).
    private func validated(_ bytes: UnsafeBufferPointer<UInt8>) throws(GiveUp) -> String {
        var s = String(decoding: bytes, as: UTF8.self)
        let same = s.withUTF8 { out in
            out.count == bytes.count && (out.isEmpty || memcmp(out.baseAddress!, bytes.baseAddress!, out.count) == 0)
        }
        guard same else { throw GiveUp() }
        return s
    }

    /// The rare string with backslashes: unescaped into a scratch buffer, then validated.
    private mutating func escapedString(from start: Int) throws(GiveUp) -> String {
        var out: [UInt8] = Array(p[start..<i])
        while i < p.count {
            let b = p[i]
            switch b {
            case UInt8(ascii: "\""):
                i += 1
                return try out.withUnsafeBufferPointer { (buf) throws(GiveUp) in try validated(buf) }
            case UInt8(ascii: "\\"):
                i += 1
                guard i < p.count else { throw GiveUp() }
                let e = p[i]; i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        // a surrogate pair: the low half must follow at once
                        guard i + 1 < p.count, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u") else { throw GiveUp() }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw GiveUp() }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw GiveUp()
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw GiveUp() }
                    UTF8.encode(u) { out.append($0) }
                default: throw GiveUp()
                }
            default:
                if b < 0x20 { throw GiveUp() }
                out.append(b); i += 1
            }
        }
        throw GiveUp()
    }

    private mutating func hex4() throws(GiveUp) -> UInt32 {
        guard i + 4 <= p.count else { throw GiveUp() }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = p[i]; i += 1
            let d: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - 0x30
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - 0x57
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - 0x37
            default: throw GiveUp()
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }
}
