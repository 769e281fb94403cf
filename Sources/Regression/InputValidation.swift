/// Checks on the data that make a fit meaningless before any arithmetic is done.
enum InputValidation {
    /// Throws for an empty design, a label other than 0/1, a non-finite predictor, or a
    /// single class. Returns the number of events (labels equal to 1).
    static func validate(_ design: DesignMatrix, labels: [Double]) throws(FitError) -> Int {
        guard design.rows > 0 else { throw .noObservations }
        var events = 0
        for (row, label) in labels.enumerated() {
            if label == 1 {
                events += 1
            } else if label != 0 {
                throw .labelsNotBinary(row: row, value: label)
            }
        }
        if let cell = design.firstNonFiniteCell() {
            throw .nonFinite(row: cell.row, column: design.names[cell.column])
        }
        if events == 0 || events == design.rows {
            throw .oneClass(label: events == 0 ? 0 : 1, count: design.rows)
        }
        return events
    }
}
