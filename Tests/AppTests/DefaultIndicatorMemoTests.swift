import Foundation
import Testing

@testable import App

@Suite("总览默认对比指标：按范围和筛选记住一段时间，过期后重新查")
struct DefaultIndicatorMemoTests {
    actor Calls {
        var n = 0
        func add() { n += 1 }
    }

    @Test("同一范围在有效期内不再查询；过期、换范围都重新查；满了就清空")
    func remembers() async throws {
        let memo = DefaultIndicatorMemo(lifetime: 600, capacity: 2)
        let calls = Calls()
        let start = Date(timeIntervalSince1970: 1_000_000)
        func ask(_ key: String, at seconds: TimeInterval, answer: String?) async throws -> String? {
            try await memo.name(for: key, now: start.addingTimeInterval(seconds)) {
                await calls.add()
                return answer
            }
        }
        #expect(try await ask("财政", at: 0, answer: "受益人员满意率") == "受益人员满意率")
        #expect(try await ask("财政", at: 599, answer: "别的指标") == "受益人员满意率", "kept within its lifetime")
        #expect(await calls.n == 1)
        #expect(try await ask("主管部门", at: 10, answer: nil) == nil, "another scope asks for itself")
        #expect(try await ask("主管部门", at: 20, answer: "别的指标") == nil, "no indicator is remembered too")
        #expect(await calls.n == 2)
        #expect(try await ask("财政", at: 601, answer: "服务对象满意度") == "服务对象满意度", "asked again once it expired")
        #expect(await calls.n == 3)
        _ = try await ask("第三个范围", at: 602, answer: "x")
        #expect(try await ask("财政", at: 603, answer: "又一个") == "又一个", "a full memo starts again")
    }
}
