import DataSources
import Evaluation
import Ingest
import Jobs
import Modeling
import Regression
import Survival
import Server

/// What to type instead: the one place that knows both the library's errors and the
/// command line's flags. The library says what is wrong; this adds which flag changes it.
enum Hints {
    static func hint(for error: any Error) -> String? {
        switch error {
        case let error as InputError: return rowHint(error.rule)
        case let error as TrainingError: return trainingHint(error)
        case let error as EvaluationError:
            if case .training(let training, _) = error { return trainingHint(training) }
            if case .survival(let survival) = error { return survivalHint(survival, day: "--train-as-of") }
            return "--test-as-of sets the test day"
        case let error as SurvivalError: return survivalHint(error, day: "--as-of")
        case let error as PlanError: return planHint(error)
        case let error as ModelFileError: return modelFileHint(error)
        case let error as FitError: return fitHint(error)
        case let error as PostgresSourceError: return databaseHint(error)
        case let error as ServerSetupError: return serverHint(error)
        default: return nil
        }
    }

    static func hint(for notice: Notice) -> String? {
        switch notice {
        case .skippedRows: "--strict makes this an error"
        case .monthPastData: "pick an --as-of at least a month before the end of the data"
        case .scoredAsOfLatestDay: "--as-of picks another day"
        default: nil
        }
    }

    private static func rowHint(_ rule: RowProblem?) -> String? {
        switch rule {
        case .unknownAccount: "remove the row, add the account, or run without --strict to skip such rows"
        case .beforeAccountStart: "fix started_on in accounts.csv, or run without --strict to skip such rows"
        case .emptyAccountID, nil: nil
        }
    }

    private static func databaseHint(_ error: PostgresSourceError) -> String? {
        switch error {
        case .noAccountsTable, .missingColumn: "`healthscore load --data DIR --into URL` creates and fills the tables"
        case .accountsAlreadyLoaded: "--replace empties the tables first; or load a folder of new accounts only"
        default: nil
        }
    }

    private static func trainingHint(_ error: TrainingError) -> String? {
        switch error {
        case .noTrainingDay, .noCustomers: "pick another --as-of"
        case .oneClass: "pick an earlier --as-of or a longer --horizon"
        case .fit(let fit): fitHint(fit)
        case .clustering: "--pool 1 fits one day, which needs no clustering"
        case .outcomeNotKnown(_, _, _, let latest): "pick an --as-of on or before \(latest), or a shorter --horizon"
        }
    }

    private static func survivalHint(_ error: SurvivalError, day flag: String) -> String? {
        switch error {
        case .noUsableMonth, .oneClass: "pick a later \(flag)"
        case .training(let training): trainingHint(training)
        }
    }

    private static func fitHint(_ error: FitError) -> String? {
        switch error {
        case .separation, .didNotConverge: "a ridge penalty helps, e.g. --l2 1"
        default: nil
        }
    }

    private static func planHint(_ error: PlanError) -> String? {
        switch error {
        case .horizonNotPositive: "e.g. --horizon 90"
        case .stepNotPositive: "e.g. --every 3"
        case .testOutcomeUnknown: "--test-as-of sets the test day"
        case .trainingSeesTestPeriod: "--train-as-of sets the training day"
        case .noTestDayWithChurners: "a longer --horizon, or --test-as-of to pick a day"
        }
    }

    private static func serverHint(_ error: ServerSetupError) -> String? {
        switch error {
        case .tokenRequired: "set --token TOKEN or HEALTHSCORE_TOKEN, or keep the default --host 127.0.0.1"
        case .weakToken, .tokenCharacters: "--token or HEALTHSCORE_TOKEN sets it"
        case .badPort: "e.g. --port 8080"
        }
    }

    private static func modelFileHint(_ error: ModelFileError) -> String {
        switch error {
        case .unreadable: "train one with `healthscore train --data DIR --as-of yyyy-mm-dd`"
        default: "retrain with `healthscore train`"
        }
    }
}
