/// What an importer did to a cell or a row, or could not do: nothing is changed silently.
/// The checker shows these as findings, so a user sees repairs and rule problems in one list.
/// Each note carries its `code` (the situation and what it names); programs match the code,
/// people read the message rendered from it.
public struct ImportNote: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A cell was moved to the column its content belongs to, a level carried down or inferred.
        case repaired
        /// Something could not be read or placed (a lost row, a stray cell); it was left out.
        case unreadable
        /// Something recognised and deliberately skipped (填表说明, an empty header row).
        case skipped
    }

    public let code: Code
    /// One line in Chinese, naming what was seen and what was done: the code's message, with what
    /// the reader of a source of several parts adds (the sheet, the Word cell, the file).
    public var message: String
    public var location: SourceLocation
    /// The code's kind and stable identifier (`level1-inferred`, as JSON writes it), kept with the
    /// message: the code gives all three at once by building the message, and asking it for the kind
    /// of each note of a large paste was 5 % of its 导入预览 (`perf`).
    public let kind: Kind
    public let rawCode: String

    public init(_ code: Code, at location: SourceLocation) {
        let parts = code.parts
        self.init(code: code, kind: parts.kind, rawCode: parts.code, message: parts.message, at: location)
    }

    private init(code: Code, kind: Kind, rawCode: String, message: String, at location: SourceLocation) {
        self.code = code; self.kind = kind; self.rawCode = rawCode; self.message = message; self.location = location
    }

    /// A note made outside the importers (code `other`).
    public init(_ kind: Kind, _ message: String, at location: SourceLocation) {
        self.init(.other(code: "other", kind: kind, message: message), at: location)
    }
}

/// `{"kind", "code", "message", "location"}`. A note read back keeps its code, kind and message as
/// `Code.other`; one written before notes had codes reads as code `other`.
extension ImportNote: Codable {
    private enum Keys: String, CodingKey { case kind, code, message, location }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let kind = try c.decode(Kind.self, forKey: .kind)
        let message = try c.decode(String.self, forKey: .message)
        let code = try c.decodeIfPresent(String.self, forKey: .code) ?? "other"
        self.init(
            code: .other(code: code, kind: kind, message: message), kind: kind, rawCode: code, message: message,
            at: try c.decode(SourceLocation.self, forKey: .location))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(rawCode, forKey: .code)
        try c.encode(message, forKey: .message)
        try c.encode(location, forKey: .location)
    }
}

/// Where something is: in the source (line, or sheet and cell) and in the document (table, indicator, field).
public struct SourceLocation: Sendable, Hashable, Codable {
    /// 1-based line in a text source.
    public var line: Int?
    /// Sheet name and cell reference in a workbook (`项目支出`, `E7`).
    public var sheet: String?
    public var cell: String?
    /// 0-based index of the table in the document.
    public var table: Int?
    /// 0-based index of the indicator in its table.
    public var indicator: Int?
    public var field: IndicatorField?

    public init(
        line: Int? = nil, sheet: String? = nil, cell: String? = nil, table: Int? = nil,
        indicator: Int? = nil, field: IndicatorField? = nil
    ) {
        self.line = line; self.sheet = sheet; self.cell = cell; self.table = table
        self.indicator = indicator; self.field = field
    }

    /// The place in words users know: `第2张表 第5行指标 指标值（源文件第37行）`, `项目支出!E7`.
    public var description: String {
        var parts: [String] = []
        if let t = table { parts.append("第\(t + 1)张表") }
        if let i = indicator { parts.append("第\(i + 1)行指标") }
        if let f = field { parts.append(f.label) }
        var s = parts.joined(separator: " ")
        if let sheet, let cell {
            s += s.isEmpty ? "\(sheet)!\(cell)" : "（\(sheet)!\(cell)）"
        } else if let line {
            s += s.isEmpty ? "第\(line)行" : "（源文件第\(line)行）"
        }
        return s
    }
}
