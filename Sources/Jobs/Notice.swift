import Features
import Ingest
import Survival

/// Something the person running a job should know that does not stop it. Jobs return
/// notices instead of printing them; the command line writes them to stderr and the
/// report and the server show them their own way.
package enum Notice: Sendable, Equatable, CustomStringConvertible {
    /// An event file is absent: its signal is missing for every account.
    case missingFile(EventFile)
    /// Rows of an event file were skipped and counted (unknown account, before the start).
    case skippedRows(EventFileReport)
    /// Fewer days were pooled than asked for: the history starts too late for the windows of earlier ones.
    case pooledFewerDays(used: Int, asked: Int, historyStarts: CalendarDay)
    /// No scoring day was given: the latest date in the data was used.
    case scoredAsOfLatestDay(CalendarDay)
    /// A feature was left out of the fit, with the reason.
    case featureLeftOut(String)
    /// The month after a survival model's last month end runs past the data: its churn is
    /// not all known, so its labels may undercount it.
    case monthPastData(monthEnd: CalendarDay, dataEnd: CalendarDay)

    package var description: String {
        switch self {
        case .missingFile(let file):
            "\(file.fileName) not found: \(file.signal) is missing for every account"
        case .skippedRows(let report):
            report.skippedSummary ?? "\(report.file.fileName): nothing skipped"
        case let .pooledFewerDays(used, asked, first):
            "pooled \(used) of \(asked) days: the exports start on \(first), too late for the \(Windows.longestDays)-day feature windows of earlier quarters"
        case .scoredAsOfLatestDay(let day):
            "scoring as of \(day), the latest date in the data"
        case .featureLeftOut(let text):
            "left out \(text)"
        case let .monthPastData(monthEnd, end):
            "the month after \(monthEnd) runs past the last start or churn in the accounts (\(end)); churn after the end of the export is not known, so that month's labels may undercount it"
        }
    }

    /// What a snapshot's reading found: missing files and skipped rows.
    package static func reading(_ snapshot: Snapshot) -> [Notice] {
        reading(missingFiles: snapshot.missingFiles, reports: snapshot.reports)
    }

    /// What the reading of an account-month table found.
    package static func reading(_ table: AccountMonthTable) -> [Notice] {
        reading(missingFiles: table.newestSnapshot.missingFiles, reports: table.newestSnapshot.reports)
    }

    private static func reading(missingFiles: [EventFile], reports: [EventFileReport]) -> [Notice] {
        missingFiles.map(Notice.missingFile) + reports.filter { $0.skippedSummary != nil }.map(Notice.skippedRows)
    }
}
