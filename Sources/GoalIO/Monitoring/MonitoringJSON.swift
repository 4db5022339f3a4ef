import Foundation
import GoalCore
import GoalMonitoring

/// Interchange JSON with monitoring values: a `goal-tables/1` document whose tables may each carry
/// `"monitoring": {"period": 7, "budget": [...], "indicators": [{"id": …, "completed": …}]}`, keyed
/// by the ids of the table's indicators. Readers that do not know the key skip it.
public enum MonitoringJSON {
    public static func read(_ data: Data) throws(ImportError) -> MonitoringImportResult {
        let document: GoalDocument
        do { document = try GoalDocument.decode(data) } catch { throw ImportError("JSON 文件无法读取：\(error.description)") }
        struct Slots: Decodable { var tables: [Slot] }
        struct Slot: Decodable { var monitoring: MonitoringEntry? }
        let slots: Slots
        do {
            slots = try JSONDecoder().decode(Slots.self, from: data)
        } catch let e as DecodingError {
            throw ImportError("JSON 的 monitoring 无法读取：\(describe(e))")
        } catch {
            throw ImportError("JSON 的 monitoring 无法读取：\(error)")
        }
        var result = MonitoringImportResult()
        for (i, table) in document.tables.enumerated() {
            guard i < slots.tables.count, let entry = slots.tables[i].monitoring else {
                result.notes.append(ImportNote(.tableWithoutMonitoring(table: i), at: SourceLocation(table: i)))
                continue
            }
            result.tables.append(MonitoredTable(table: table, entry: entry))
        }
        guard !result.tables.isEmpty else {
            throw ImportError("JSON 中没有监控数据：每张表需要 \"monitoring\": {\"period\": 7, \"budget\": [...], \"indicators\": [...]}。")
        }
        return result
    }

    /// The path of the value and what is wrong with it, in Chinese.
    public static func describe(_ e: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce(into: "") { s, k in
                if let i = k.intValue { s += "[\(i)]" } else { s += s.isEmpty ? k.stringValue : ".\(k.stringValue)" }
            }
        }
        switch e {
        case .keyNotFound(let key, let ctx): return "\(path(ctx.codingPath))：缺少字段“\(key.stringValue)”"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx): return "\(path(ctx.codingPath))：字段类型不符"
        case .dataCorrupted(let ctx):
            return ctx.codingPath.isEmpty ? "不是有效的 JSON" : "\(path(ctx.codingPath))：值不在允许的范围内（\(ctx.debugDescription)）"
        @unknown default: return "无法读取"
        }
    }

    /// The document with each table's `monitoring`, keys in a fixed order, Chinese unescaped.
    public static func data(_ tables: [MonitoredTable]) -> Data {
        let doc = JSONValue.object([
            ("format", .string(GoalDocument.currentFormat)),
            (
                "tables",
                .array(
                    tables.map { t in
                        guard case .object(var o) = t.table.json else { return t.table.json }
                        o.append(("monitoring", json(t.entry)))
                        return .object(o)
                    })
            ),
        ])
        return Data(doc.serializedUTF8())
    }

    static func json(_ e: MonitoringEntry) -> JSONValue {
        var o: [(String, JSONValue)] = [
            ("period", .number(e.period)),
            (
                "budget",
                .array(
                    e.budget.map { b in
                        .object([
                            ("item", .string(b.item.rawValue)), ("initial", .number(b.initial)),
                            ("adjusted", .number(b.adjusted)),
                            ("spent", .number(b.spent)), ("expected", .number(b.expected)),
                        ])
                    })
            ),
            ("goalProgress", .string(e.goalProgress)),
            (
                "indicators",
                .array(
                    e.indicators.map { p in
                        .object([
                            ("id", .string(p.id)), ("completed", .string(p.completed)), ("expected", .string(p.expected)),
                            ("likelihood", .string(p.likelihood?.rawValue)),
                            ("causes", .array(p.causes.map { .string($0.rawValue) })),
                            ("causeText", .string(p.causeText)), ("correction", .string(p.correction)), ("note", .string(p.note)),
                        ])
                    })
            ),
        ]
        if e.deviationSummary != nil || e.problems != nil || e.measures != nil {
            o += [
                ("deviationSummary", .string(e.deviationSummary)), ("problems", .string(e.problems)),
                ("measures", .string(e.measures)),
            ]
        }
        return .object(o)
    }
}
