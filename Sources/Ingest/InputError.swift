/// A problem with an input file, reported as one line that names the file, the line
/// and the column, says what was wrong and what to do about it.
package struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// File name as the user knows it (`sessions.csv`), not a full path.
    package var file: String
    /// 1-based physical line where the offending record starts; nil for whole-file problems.
    package var line: Int?
    /// Column name from the header; nil when the problem is not about one column.
    package var column: String?
    /// What was wrong, e.g. `'11' is not an NPS score`.
    package var problem: String
    /// What to do, e.g. `scores are whole numbers 0-10`.
    package var hint: String?
    /// The rule a row broke, for the problems a caller may treat apart (skip instead of
    /// refuse, say); nil for the others, which `problem` describes.
    package var rule: RowProblem?

    package init(file: String, line: Int? = nil, column: String? = nil, problem: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
        self.hint = hint
    }

    package var description: String {
        var place = file
        if let line { place += " line \(line)" }
        if let column { place += ", column '\(column)'" }
        var text = "\(place): \(problem)"
        if let hint { text += " (\(hint))" }
        return text
    }
}

/// Row problems that depend on the reading rules rather than on the value itself.
package enum RowProblem: Sendable, Equatable {
    case emptyAccountID
    /// The id is not in the accounts table.
    case unknownAccount(String)
    /// The event is dated before its account's `started_on`.
    case beforeAccountStart(day: CalendarDay, account: String)

    var text: String {
        switch self {
        case .emptyAccountID: "the account id is empty"
        case .unknownAccount(let id): "'\(id)' is not in accounts.csv"
        case .beforeAccountStart(let day, let id): "\(day) is before account '\(id)' started"
        }
    }
}

extension InputError {
    /// A row that broke a reading rule.
    package static func row(file: EventFile, line: Int, column: String, _ rule: RowProblem) -> InputError {
        var error = InputError(file: file.fileName, line: line, column: column, problem: rule.text,
                               hint: rule == .emptyAccountID ? "every row needs the id of its account" : nil)
        error.rule = rule
        return error
    }
}
