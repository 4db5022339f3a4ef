import Foundation

/// A rule profile: the taxonomy in force and the settings of the checker and the scorer.
/// Profiles are data: `jixiao profile show NAME` prints one as JSON that a province or a unit can
/// copy, change and pass back with `--profile FILE`.
public struct Profile: Sendable, Hashable, Codable {
    /// Short name, e.g. `current`.
    public var name: String
    /// What users see, e.g. `现行指标体系（成本指标为一级）`.
    public var title: String
    public var taxonomy: Taxonomy
    /// 一级 categories every table must have.
    public var requiredLevel1: [String]
    public var check: CheckSettings
    public var scoring: ScoringSettings

    public init(
        name: String, title: String, taxonomy: Taxonomy, requiredLevel1: [String],
        check: CheckSettings = .init(), scoring: ScoringSettings = .init()
    ) {
        self.name = name; self.title = title; self.taxonomy = taxonomy; self.requiredLevel1 = requiredLevel1
        self.check = check; self.scoring = scoring
    }

    enum CodingKeys: String, CodingKey { case name, title, taxonomy, requiredLevel1, check, scoring }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? name
        taxonomy = try c.decode(Taxonomy.self, forKey: .taxonomy)
        requiredLevel1 = try c.decodeIfPresent([String].self, forKey: .requiredLevel1) ?? []
        check = try c.decodeIfPresent(CheckSettings.self, forKey: .check) ?? .init()
        scoring = try c.decodeIfPresent(ScoringSettings.self, forKey: .scoring) ?? .init()
    }
}

extension Profile {
    /// 现行: 成本指标 is a 一级 of its own; weights total 100, or 90 with 10 for budget execution.
    public static let current = Profile(
        name: "current", title: "现行指标体系（成本指标为一级指标）", taxonomy: .current,
        requiredLevel1: ["产出指标", "成本指标", "效益指标", "满意度指标"])

    /// 旧版: 成本指标 is a 二级 under 产出指标.
    public static let legacy = Profile(
        name: "legacy", title: "旧版指标体系（成本指标为产出指标下的二级指标）", taxonomy: .legacy,
        requiredLevel1: ["产出指标", "效益指标", "满意度指标"])

    /// 省级部门（单位）整体绩效目标申报表, with 投入管理指标.
    public static let provincial = Profile(
        name: "provincial", title: "省级部门整体绩效目标（含投入管理指标）", taxonomy: .provincial,
        requiredLevel1: ["产出指标", "效益指标", "满意度指标"])

    public static let builtIn: [Profile] = [.current, .legacy, .provincial]

    public static func builtIn(named name: String) -> Profile? {
        builtIn.first { $0.name == name }
    }

    /// The built-in profile that fits a table's form when none is chosen.
    public static func `default`(for kind: TableKind) -> Profile {
        kind == .provincial ? .provincial : .current
    }

    /// Reads a profile file (JSON).
    public static func load(from data: Data) throws(InterchangeError) -> Profile {
        do {
            return try JSONDecoder().decode(Profile.self, from: data)
        } catch let e as DecodingError {
            throw InterchangeError(decoding: e)
        } catch {
            throw InterchangeError(message: "无法读取规则配置：\(error.localizedDescription)", path: "")
        }
    }

    public func encoded() -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        return (try? e.encode(self)) ?? Data()
    }
}
