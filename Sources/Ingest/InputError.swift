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
    /// Further problems found in the same file, in file order, after this one (at most
    /// `ProblemLog.limit` problems are kept in all); each is one line of its own.
    package var others: [InputError] = []
    /// Problems found beyond those kept: "... and N more".
    package var notShown = 0

    package init(file: String, line: Int? = nil, column: String? = nil, problem: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
        self.hint = hint
    }

    /// This problem, then the others, one line each, then how many more there were.
    package var description: String { lines.joined(separator: "\n") }

    /// One line per problem kept, and "... and N more" when some were not.
    package var lines: [String] {
        var lines = [InputError.oneLine(self)]
        lines += others.map(InputError.oneLine)
        if notShown > 0 { lines.append("... and \(notShown) more") }
        return lines
    }

    /// How many problems this error stands for.
    package var problemCount: Int { 1 + others.count + notShown }

    private static func oneLine(_ error: InputError) -> String {
        var place = error.file
        if let line = error.line { place += " line \(line)" }
        if let column = error.column { place += ", column '\(column)'" }
        var text = "\(place): \(error.problem)"
        if let hint = error.hint { text += " (\(hint))" }
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
    /// This error alone, without the others found in the same file.
    package var alone: InputError {
        var first = self
        first.others = []
        first.notShown = 0
        return first
    }

    /// A row that broke a reading rule.
    package static func row(file: EventFile, line: Int, column: String, _ rule: RowProblem) -> InputError {
        var error = InputError(file: file.fileName, line: line, column: column, problem: rule.text,
                               hint: rule == .emptyAccountID ? "every row needs the id of its account" : nil)
        error.rule = rule
        return error
    }
}
