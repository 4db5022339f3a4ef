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
        Data(json.serialized().utf8)
    }
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
            self.init(message: isSyntax ? "不是有效的 JSON（格式错误或文件不完整）" : ctx.debugDescription,
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
