import Foundation

/// Excel's two ways of counting days. Workbooks made on old Macs (`<workbookPr date1904="1"/>`)
/// count from 1904-01-01; all others from 1900-01-01, keeping Lotus 1-2-3's fictitious 1900-02-29.
public enum DateSystem: Sendable, Equatable {
    case from1900
    case from1904

    /// The calendar date and time of a serial number.
    func date(fromSerial serial: Double, hasDate: Bool = true, hasTime: Bool = false) -> CellDate? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil } // up to 9999-12-31
        var days = Int(serial.rounded(.down))
        // Round to the second so that 0.999999 of a day does not show as 23:59:59.
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        let (year, month, day): (Int, Int, Int)
        switch self {
        case .from1904:
            (year, month, day) = DateSystem.civil(fromDaysSince1970: days + DateSystem.days1904)
        case .from1900:
            if days == 60 {
                (year, month, day) = (1900, 2, 29) // the day that never was, shown as Excel shows it
            } else if days == 0 {
                (year, month, day) = (1900, 1, 0) // Excel shows serial 0 as 1900-01-00
            } else {
                // Before the fictitious leap day, serial 1 is 1900-01-01; after it, one day less.
                let offset = days < 60 ? days - 1 : days - 2
                (year, month, day) = DateSystem.civil(fromDaysSince1970: offset + DateSystem.days1900)
            }
        }
        return CellDate(
            year: year, month: month, day: day,
            hour: seconds / 3600, minute: seconds / 60 % 60, second: seconds % 60,
            hasDate: hasDate, hasTime: hasTime)
    }

    /// The serial number of a date, for writing.
    public func serial(of date: CellDate) -> Double {
        let days = DateSystem.daysSince1970(year: date.year, month: date.month, day: date.day)
        let fraction = Double(date.hour * 3600 + date.minute * 60 + date.second) / 86_400
        switch self {
        case .from1904:
            return Double(days - DateSystem.days1904) + fraction
        case .from1900:
            let serial = days - DateSystem.days1900 + 1
            return Double(serial >= 60 ? serial + 1 : serial) + fraction
        }
    }

    /// 1900-01-01 and 1904-01-01 as days since 1970-01-01.
    private static let days1900 = daysSince1970(year: 1900, month: 1, day: 1)
    private static let days1904 = daysSince1970(year: 1904, month: 1, day: 1)

    /// Howard Hinnant's days-from-civil: exact for the proleptic Gregorian calendar and
    /// far cheaper than `Calendar` for a sheet full of dates.
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDaysSince1970 days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
