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
