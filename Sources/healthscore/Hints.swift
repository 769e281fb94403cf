import Evaluation
import Ingest
import Jobs
import Modeling
import Regression

/// What to type instead: the one place that knows both the library's errors and the
/// command line's flags. The library says what is wrong; this adds which flag changes it.
enum Hints {
    static func hint(for error: any Error) -> String? {
        switch error {
        case let error as InputError: return hint(for: error.rule)
        case let error as TrainingError: return hint(for: error)
        case let error as EvaluationError:
            if case .training(let training, _) = error { return hint(for: training) }
            return "--test-as-of"
        case let error as PlanError: return hint(for: error)
        case let error as ModelFileError: return hint(for: error)
        case let error as FitError: return hint(for: error)
        default: return nil
        }
    }

    static func hint(for notice: Notice) -> String? {
        switch notice {
        case .skippedRows: "--strict makes this an error"
        case .horizonPastData: "pick an --as-of at least --horizon days before the end of the data"
        case .scoredAsOfLatestDay: "--as-of picks another day"
        default: nil
        }
    }

    private static func hint(for rule: RowProblem?) -> String? {
        switch rule {
        case .unknownAccount: "remove the row, add the account, or run without --strict to skip such rows"
        case .beforeAccountStart: "fix started_on in accounts.csv, or run without --strict to skip such rows"
        case .emptyAccountID, nil: nil
        }
    }

    private static func hint(for error: TrainingError) -> String? {
        switch error {
        case .noTrainingDay, .noCustomers: "pick another --as-of"
        case .oneClass: "pick an earlier --as-of or a longer --horizon"
        case .fit(let fit): hint(for: fit)
        }
    }

    private static func hint(for error: FitError) -> String? {
        switch error {
        case .separation, .didNotConverge: "a ridge penalty helps, e.g. --l2 1"
        default: nil
        }
    }

    private static func hint(for error: PlanError) -> String? {
        switch error {
        case .horizonNotPositive: "e.g. --horizon 90"
        case .stepNotPositive: "e.g. --every 3"
        case .testOutcomeUnknown: "--test-as-of sets the test day"
        case .trainingSeesTestPeriod: "--train-as-of sets the training day"
        }
    }

    private static func hint(for error: ModelFileError) -> String {
        switch error {
        case .unreadable: "train one with `healthscore train --data DIR --as-of yyyy-mm-dd`"
        default: "retrain with `healthscore train`"
        }
    }
}
