import Foundation

/// The interchange document `{"format": "goal-tables/1", "tables": [...]}` (see `interchange.md`).
public struct GoalDocument: Sendable, Hashable, Codable {
    public static let currentFormat = "goal-tables/1"
    public var format: String
    public var tables: [GoalTable]

    public init(tables: [GoalTable]) {
        self.format = Self.currentFormat
        self.tables = tables
    }

    enum CodingKeys: String, CodingKey { case format, tables }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decodeIfPresent(String.self, forKey: .format) ?? Self.currentFormat
        guard format.hasPrefix("goal-tables/") else {
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: c, debugDescription: "format 应为 \(Self.currentFormat)，实为“\(format)”")
        }
        tables = try c.decode([GoalTable].self, forKey: .tables)
    }

    /// Reads an interchange document. Errors are in Chinese and name the JSON path.
    public static func decode(_ data: Data) throws(InterchangeError) -> GoalDocument {
        // the fast reader takes plain valid documents; anything it declines gets JSONDecoder's path-naming errors
        if let top = InterchangeReader.readTop(data), let tables = top.tables, !top.otherKeys.contains("format") {
            let format = top.format ?? currentFormat
            if format.hasPrefix("goal-tables/") {
                var doc = GoalDocument(tables: tables)
                doc.format = format
                return doc
            }
        }
        do {
            return try JSONDecoder().decode(GoalDocument.self, from: data)
        } catch let e as DecodingError {
            throw InterchangeError(decoding: e)
        } catch {
            throw InterchangeError(message: "无法读取 JSON：\(error.localizedDescription)", path: "")
        }
    }

    /// Writes the document as pretty-printed UTF-8 JSON, keys in the order of `interchange.md`,
    /// Chinese text unescaped.
    public func encoded() -> Data {
        guard !tables.isEmpty else { return Data(json.serializedUTF8()) }
        var out = Self.encodedHead(format: format)
        for part in Self.encoded(tables, first: true) { out += part }
        return Data(out + Self.encodedTail)
    }

    /// What `encoded()` writes before the first table: a document can be written a run of tables at a
    /// time (a large import, whose tables are never all in memory), each run's parts with `encoded(_:first:)`,
    /// then `encodedTail`, byte for byte the document `encoded()` gives.
    public static func encodedHead(format: String = currentFormat) -> [UInt8] {
        var out: [UInt8] = []
        out.append(UInt8(ascii: "{"))
        JSONValue.newline(1, to: &out)
        JSONValue.string("format").write(to: &out, indent: 1)
        out += ": ".utf8
        JSONValue.string(format).write(to: &out, indent: 1)
        out.append(UInt8(ascii: ","))
        JSONValue.newline(1, to: &out)
        JSONValue.string("tables").write(to: &out, indent: 1)
        out += ": [".utf8
        return out
    }

    /// What `encoded()` writes after the last table.
    public static let encodedTail: [UInt8] = {
        var out: [UInt8] = []
        JSONValue.newline(1, to: &out)
        out.append(UInt8(ascii: "]"))
        JSONValue.newline(0, to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }()

    /// A run of the document's tables as they stand in its list, in parts to be written one after
    /// another (not joined: a run's JSON is held once); `first` when the run opens the list (the others
    /// follow a comma).
    public static func encoded(_ tables: [GoalTable], first: Bool) -> [[UInt8]] {
        // Thousands of tables (a large import): each run of tables is built and written on a core
        // of its own, then joined in order.
        let runs =
            tables.count < parallelEncodingThreshold
            ? 1 : Swift.min(tables.count, ProcessInfo.processInfo.activeProcessorCount * 4)
        let parts = Parallel.map(runs) { r in
            var out: [UInt8] = []
            for i in stride(from: tables.count * r / runs, to: tables.count * (r + 1) / runs, by: 1) {
                if i > 0 || !first { out.append(UInt8(ascii: ",")) }
                JSONValue.newline(2, to: &out)
                tables[i].writeJSON(to: &out, indent: 2)
            }
            return out
        }
        return parts
    }

    /// From this many tables on, `encoded()` writes on all cores.
    static let parallelEncodingThreshold = 256
}

/// A problem reading interchange JSON, with the path of the value concerned (`tables[0].indicators[3].type`).
public struct InterchangeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var path: String

    public init(message: String, path: String) { self.message = message; self.path = path }

    init(decoding error: DecodingError) {
        func render(_ path: [any CodingKey]) -> String {
            path.reduce(into: "") { s, k in
                if let i = k.intValue { s += "[\(i)]" } else { s += s.isEmpty ? k.stringValue : ".\(k.stringValue)" }
            }
        }
        switch error {
        case .dataCorrupted(let ctx):
            let isSyntax = ctx.codingPath.isEmpty
            self.init(
                message: isSyntax ? "不是有效的 JSON（格式错误或文件不完整）" : ctx.debugDescription,
                path: render(ctx.codingPath))
        case .keyNotFound(let key, let ctx):
            self.init(message: "缺少字段“\(key.stringValue)”", path: render(ctx.codingPath))
        case .typeMismatch(let type, let ctx):
            self.init(message: "字段类型不符（应为\(Self.typeName(type))）", path: render(ctx.codingPath))
        case .valueNotFound(let type, let ctx):
            self.init(message: "字段不能为 null（应为\(Self.typeName(type))）", path: render(ctx.codingPath))
        @unknown default:
            self.init(message: "无法读取 JSON", path: "")
        }
    }

    static func typeName(_ t: Any.Type) -> String {
        switch t {
        case is String.Type: return "文本"
        case is Int.Type, is Double.Type: return "数字"
        case is Bool.Type: return "是/否"
        default: return t is any Collection.Type ? "列表" : "对象"
        }
    }

    public var description: String { path.isEmpty ? message : "\(path)：\(message)" }
}
