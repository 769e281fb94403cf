import Foundation
import Ingest

/// When a run was recorded, as ISO 8601 UTC text with milliseconds: it sorts as text
/// and reads the same in both kinds of store.
enum StoreTimestamp {
    static func text(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let day = CalendarDay(unixSeconds: seconds)
        let ofDay = Int(seconds - day.unixSeconds)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let fraction = Int(millis - seconds * 1000)
        let fractionText = fraction < 10 ? "00\(fraction)" : fraction < 100 ? "0\(fraction)" : "\(fraction)"
        return "\(day)T\(two(ofDay / 3600)):\(two(ofDay / 60 % 60)):\(two(ofDay % 60)).\(fractionText)Z"
    }
}
