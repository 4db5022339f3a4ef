import Foundation
import GoalCore
import Testing
@testable import GoalMonitoring

@Suite("规则配置")
struct ProfileTests {
    @Test("Shanxi: 质量, 时效 and 成本 are within the target or not; 数量 keeps its bands")
    func shanxi() {
        let pass = Fixture.indicator("验收合格率", .atLeast, "95", "%", level2: "质量指标")
        #expect(Fixture.light(pass, "94").light == .green) // default: 98.9 %
        let shanxi = Fixture.light(pass, "94", profile: .shanxi)
        #expect(shanxi.light == .red)
        #expect(shanxi.explanation.contains("质量指标只看是否达到指标值"), "\(shanxi.explanation)")
        #expect(Fixture.light(pass, "95", profile: .shanxi).light == .green)
        let timely = Fixture.indicator("按期完工率", .atLeast, "100", "%", level2: "时效指标")
        #expect(Fixture.light(timely, "99", profile: .shanxi).light == .red)
        // a count is still banded: 500 of 1,200 by July is 71.4 % → 黄, neither 红 nor 绿
        #expect(Fixture.light(Fixture.indicator("培训人数", .atLeast, "1200", "人"), "500", profile: .shanxi).light == .yellow)
        // 满意度 keeps its bands: 85 of 90 is 94.4 % → 绿 although below the target
        let satisfaction = Fixture.indicator("满意度", .atLeast, "90", "%", level1: "满意度指标", level2: "服务对象满意度指标")
        #expect(Fixture.light(satisfaction, "85", profile: .shanxi).light == .green)
    }

    @Test("ready profiles are found by key, by Chinese name and by the rule's name; an unknown name is nil")
    func lookup() {
        #expect(MonitoringProfile.named("default") == .standard)
        #expect(MonitoringProfile.named("默认") == .standard)
        #expect(MonitoringProfile.named("shanxi") == .shanxi)
        #expect(MonitoringProfile.named("山西") == .shanxi)
        #expect(MonitoringProfile.named("SICHUAN") == .sichuan)
        #expect(MonitoringProfile.named("固定节点") == .sichuan)
        #expect(MonitoringProfile.named("checkpoints")?.budget.kind == .checkpoints)
        #expect(MonitoringProfile.named("宁夏") == .ningxia)
        #expect(MonitoringProfile.named("nowhere") == nil)
        #expect(Set(MonitoringProfile.builtIn.map(\.name)).count == MonitoringProfile.builtIn.count)
    }

    @Test("a profile is data: JSON round trip, and a province's bands moved in JSON change the light")
    func profileAsData() throws {
        let data = try JSONEncoder().encode(MonitoringProfile.sichuan)
        #expect(try JSONDecoder().decode(MonitoringProfile.self, from: data) == .sichuan)
        var moved = MonitoringProfile.standard
        moved.bands = Bands(red: 50, yellow: 70, blue: 150)
        let moved2 = try JSONDecoder().decode(MonitoringProfile.self, from: JSONEncoder().encode(moved))
        let trainees = Fixture.indicator("培训人数", .atLeast, "200", "人")
        #expect(Fixture.light(trainees, "55", month: 6).light == .red)
        #expect(Fixture.light(trainees, "55", month: 6, profile: moved2).light == .yellow)
        #expect(Fixture.light(trainees, "130", month: 6, profile: moved2).light == .green)
    }
}
