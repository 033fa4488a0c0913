import Foundation
import Testing
import MSearchSources
import MSearchTestSupport

/// The one calendar: weekdays and day numbers agree with Foundation's Gregorian calendar (after
/// 1582, where Foundation's calendar is Gregorian too), and day numbers round-trip.
@Suite struct GregorianCalendarTests {
    @Test func knownDays() {
        #expect(GregorianCalendar.weekday(year: 1945, month: 3, day: 1) == 4)   // a Thursday
        #expect(GregorianCalendar.weekday(year: 1970, month: 1, day: 1) == 4)
        #expect(GregorianCalendar.weekday(year: 2023, month: 11, day: 13) == 1)  // a Monday
        #expect(GregorianCalendar.weekday(year: 2024, month: 2, day: 25) == 7)   // a Sunday
        #expect(GregorianCalendar.dayNumber(year: 1970, month: 1, day: 1) == 0)
        #expect(GregorianCalendar.dayNumber(year: 1969, month: 12, day: 31) == -1)
        #expect(GregorianCalendar.daysIn(month: 2, year: 2000) == 29)
        #expect(GregorianCalendar.daysIn(month: 2, year: 1900) == 28)
        #expect(GregorianCalendar.daysIn(month: 2, year: 2024) == 29)
    }

    @Test func agreesWithFoundationAndRoundTrips() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var rng = SplitMix64(seed: 1582)
        for _ in 0..<2_000 {
            let year = 1600 + Int(rng.next() % 1400), month = 1 + Int(rng.next() % 12)
            let day = 1 + Int(rng.next() % UInt64(GregorianCalendar.daysIn(month: month, year: year)))
            let date = calendar.date(from: DateComponents(year: year, month: month, day: day))!
            let foundationWeekday = calendar.component(.weekday, from: date)   // 1 = Sunday
            #expect(GregorianCalendar.weekday(year: year, month: month, day: day) == (foundationWeekday + 5) % 7 + 1)
            let days = GregorianCalendar.dayNumber(year: year, month: month, day: day)
            #expect(days == Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
            #expect(GregorianCalendar.date(dayNumber: days) == (year, month, day))
        }
    }
}
