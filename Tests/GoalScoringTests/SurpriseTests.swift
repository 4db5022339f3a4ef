import GoalCore
import Testing
@testable import GoalScoring

/// Issue #15, item 7: scoring that surprised a finance officer.
@Suite("评分不应让人意外")
struct SurpriseTests {
    @Test("≥98% 满意度实际97%：默认满意度分档仍得满分，但未达到指标值必须填写偏差原因")
    func missedTargetAsksWhyAtFullMarks() {
        let ind = row("满意度赋分", .atLeast, "98", actual: "97", name: "受益人员满意度", deviation: nil)
        let s = scored(ind)
        #expect(s.score == 10)
        #expect(s.missedTarget)
        #expect(s.deviationRequired)
        let flag = s.flags.first { $0.kind == .deviationMissing }
        #expect(flag != nil, "\(s.flags.map(\.message))")
        #expect(flag?.message.contains("未达到指标值≥98") == true, "\(flag?.message ?? "")")
        // once explained, nothing is missing, and it is still required (the page keeps the field marked)
        let explained = scored(row("满意度赋分", .atLeast, "98", actual: "97", name: "受益人员满意度", deviation: "问卷样本中部分人员对办理时限不满意"))
        #expect(!explained.flags.contains { $0.kind == .deviationMissing })
        #expect(explained.deviationRequired)
        // met: nothing asked
        let met = scored(row("满意度赋分", .atLeast, "98", actual: "98.5", name: "受益人员满意度", deviation: nil))
        #expect(!met.deviationRequired)
        #expect(!met.flags.contains { $0.kind == .deviationMissing })
    }

    @Test("=973人实际980：超额如何计分由规则配置决定，并写在计分说明里")
    func equalOverAchievement() {
        let ind = row("按照正常比例赋分", .equal, "973", unit: "人", actual: "980", name: "补助发放人数", deviation: nil)
        let byDefault = scored(ind)
        #expect(byDefault.score == 9.93) // 10 × (1 − |980 − 973| ÷ 973), scoring.md's rule for =
        #expect(byDefault.explanation.contains("equalOverAchievement: deviation"), "\(byDefault.explanation)")
        #expect(byDefault.deviationRequired)
        var settings = ScoringSettings()
        settings.equalOverAchievement = .met
        let asMet = scored(ind, settings: settings)
        #expect(asMet.score == 10)
        #expect(asMet.explanation.contains("equalOverAchievement: met"), "\(asMet.explanation)")
        #expect(!asMet.deviationRequired)
        // below the target is a deviation under either setting
        let below = scored(row("按照正常比例赋分", .equal, "973", unit: "人", actual: "960", deviation: nil), settings: settings)
        #expect(below.score! < 10)
        // the setting is profile data
        let p = Profile(name: "本省", title: "本省", taxonomy: .current, requiredLevel1: [], scoring: settings)
        #expect((try? Profile.load(from: p.encoded()))?.scoring.equalOverAchievement == .met)
        #expect(ScoringSettings().equalOverAchievement == .deviation)
    }
}
