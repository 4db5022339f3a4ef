import Foundation
import GoalWorkflow
import Testing

/// The audit trail and the printed sign-off dates: the fixed-offset arithmetic must print what a
/// Beijing wall clock shows, across a day, a month, a leap day and a year boundary.
@Suite struct BeijingTimeTests {
    private func foundation(_ date: Date, _ format: String) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.dateFormat = format
        return f.string(from: date)
    }

    @Test func midnightUTCIsEightInTheMorningInBeijing() {
        let d = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01 00:00:00 UTC
        #expect(Workflow.beijingTime(d) == "2026-01-01 08:00:00")
    }

    @Test func theLastHoursOfAUTCYearAreAlreadyNextYearInBeijing() {
        let d = Date(timeIntervalSince1970: 1_767_225_600 - 3600) // 2025-12-31 23:00 UTC
        #expect(Workflow.day(d) == "2026-01-01")
    }

    @Test func agreesWithTheCalendarOverManyInstants() {
        // every 7 h 13 min 17 s from 1992 to 2040: leap days, month ends and year ends all pass by
        var t = 694_224_000.0
        while t < 2_208_988_800 {
            let d = Date(timeIntervalSince1970: t)
            #expect(Workflow.beijingTime(d) == foundation(d, "yyyy-MM-dd HH:mm:ss"))
            t += 25_997
        }
    }
}
