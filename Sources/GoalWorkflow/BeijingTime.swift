import Foundation

/// Dates as the forms and the audit trail print them, in Beijing time.
///
/// China has kept UTC+8 without daylight saving since 1991, so the arithmetic is a fixed offset and a
/// civil-date conversion: no `DateFormatter` (costly to create, and not safe to share between threads
/// on Linux) on a page that prints one date per audit event.
extension Workflow {
    /// 2026-12-06
    public static func day(_ date: Date) -> String {
        let t = BeijingClock(date)
        return "\(t.year)-\(two(t.month))-\(two(t.day))"
    }

    /// 2026-12-06 19:30:05
    public static func beijingTime(_ date: Date) -> String {
        let t = BeijingClock(date)
        return "\(t.year)-\(two(t.month))-\(two(t.day)) \(two(t.hour)):\(two(t.minute)):\(two(t.second))"
    }

    /// The instant the Beijing day of `date` began (00:00 UTC+8): what `day` names, as an instant. A due day
    /// has passed when the due instant lies before the start of today (`MonitoringWorkflow.isOverdue`, said
    /// in SQL by the 总览).
    public static func startOfDay(_ date: Date) -> Date {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + 8 * 3600
        let (days, _) = BeijingClock.floorDiv(seconds, 86_400)
        return Date(timeIntervalSince1970: Double(days * 86_400 - 8 * 3600))
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// The wall clock in Beijing at an instant.
struct BeijingClock {
    var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    init(_ date: Date) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + 8 * 3600
        let (days, rest) = Self.floorDiv(seconds, 86_400)
        hour = rest / 3600
        minute = rest % 3600 / 60
        second = rest % 60
        // days since 1970-01-01 → civil date (the proleptic Gregorian calendar, eras of 400 years)
        let z = days + 719_468
        let era = Self.floorDiv(z, 146_097).0
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    static func floorDiv(_ a: Int, _ b: Int) -> (Int, Int) {
        let q = a >= 0 ? a / b : (a - b + 1) / b
        return (q, a - q * b)
    }
}
