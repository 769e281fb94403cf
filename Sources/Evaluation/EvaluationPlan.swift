import Ingest
import Modeling

/// Why an evaluation cannot be planned.
package enum PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    case horizonNotPositive(Int)
    case stepNotPositive(months: Int)
    /// The test day's outcome lies past the end of the data; `latestKnown` is the last day that works.
    case testOutcomeUnknown(testDay: CalendarDay, dataEnd: CalendarDay, horizonDays: Int, latestKnown: CalendarDay)
    /// Training labels would use churn after the test day; `latest` is the last training day that works.
    case trainingSeesTestPeriod(trainDay: CalendarDay, testDay: CalendarDay, horizonDays: Int, latest: CalendarDay)
    /// No month end in the searched years before `latestKnown` had a churner in the horizon
    /// after it: there is no default test day on which a ranking can be measured.
    case noTestDayWithChurners(latestKnown: CalendarDay, monthsSearched: Int)

    package var description: String {
        switch self {
        case .horizonNotPositive(let days): "the horizon must be a positive number of days, not \(days)"
        case .stepNotPositive(let months): "backtest steps must be at least one month, not \(months)"
        case let .testOutcomeUnknown(testDay, dataEnd, horizonDays, latestKnown):
            "the outcome of the test day \(testDay) is not known: the data ends on \(dataEnd), before \(testDay) + \(horizonDays) days; pick a test day on or before \(latestKnown)"
        case let .trainingSeesTestPeriod(trainDay, testDay, horizonDays, latest):
            "training on \(trainDay) uses churn up to \(trainDay.adding(days: horizonDays)), after the test day \(testDay): that is not what the team knew on \(testDay); pick a training day on or before \(latest)"
        case let .noTestDayWithChurners(latestKnown, months):
            "no month end in the \(months) months up to \(latestKnown) has a customer who churned within the horizon after it: there is no day to measure the ranking on"
        }
    }
}

/// One backtest step: fit on the customers of `trainAsOf` (and of the earlier days in
/// `trainingDays` when several are pooled), test on those of `testAsOf`.
package struct Fold: Sendable, Equatable, Encodable {
    package let trainAsOf: CalendarDay
    package let testAsOf: CalendarDay
    /// The candidate days whose customers are pooled for the fit, oldest first, ending on
    /// `trainAsOf` (days before the recorded history are dropped when the fit runs).
    package let trainingDays: [CalendarDay]

    package init(trainAsOf: CalendarDay, testAsOf: CalendarDay, trainingDays: [CalendarDay]? = nil) {
        self.trainAsOf = trainAsOf
        self.testAsOf = testAsOf
        self.trainingDays = trainingDays ?? [trainAsOf]
    }
}

/// Which days to train and test on.
///
/// A test day is only usable once its horizon has passed (test + horizon on or before the
/// end of the data), and a training day only once its own horizon has passed by the test
/// day (train + horizon on or before test): that is what the team would have known when
/// scoring on the test day, so the check cannot peek at the future.
package struct EvaluationPlan: Sendable, Encodable {
    /// The main split.
    package let split: Fold
    package let horizonDays: Int
    /// The rolling backtest, oldest first.
    package let folds: [Fold]
    /// The last date in the data: outcomes are known up to here.
    package let dataEnd: CalendarDay

    /// Four quarterly folds by default: a year of history, each quarter checked once.
    package static let defaultFolds = 4
    package static let defaultStepMonths = 3

    /// - Parameters:
    ///   - dataEnd: the latest date in the data.
    ///   - test: the test day; default the latest month end whose horizon lies inside the data.
    ///   - train: the training day; default the latest month end whose horizon has passed by the test day.
    ///   - pool: the days pooled for each fit, as `train` pools them.
    ///   - folds: backtest folds; each tests on a day `stepMonths` before the next, from the test day back,
    ///     and trains on the latest earlier such day whose horizon has passed by then.
    ///   - churners: when given, the default test day is the latest month end whose horizon
    ///     lies inside the data and that has at least one churner (`churners(day) > 0`):
    ///     a day without churners has no AUC, so nothing could be measured on it.
    package static func make(dataEnd: CalendarDay, horizonDays: Int, train: CalendarDay? = nil, test: CalendarDay? = nil,
                            folds: Int = defaultFolds, stepMonths: Int = defaultStepMonths,
                            pool: TrainingPool = TrainingPool(),
                            churners: ((CalendarDay) -> Int)? = nil) throws(PlanError) -> EvaluationPlan {
        func pooled(_ train: CalendarDay, _ test: CalendarDay) -> Fold {
            Fold(trainAsOf: train, testAsOf: test, trainingDays: pool.days(endingOn: train))
        }
        guard horizonDays > 0 else { throw .horizonNotPositive(horizonDays) }
        guard stepMonths > 0 else { throw .stepNotPositive(months: stepMonths) }
        let latestKnown = dataEnd.adding(days: -horizonDays)
        var testDay = test ?? latestKnown.monthEndOnOrBefore
        if test == nil, let churners {
            var searched = 0
            while churners(testDay) == 0 {
                searched += 1
                guard searched < searchMonths else {
                    throw .noTestDayWithChurners(latestKnown: latestKnown, monthsSearched: searchMonths)
                }
                testDay = testDay.adding(months: -1).monthEndOnOrBefore
            }
        }
        guard testDay <= latestKnown else {
            throw .testOutcomeUnknown(testDay: testDay, dataEnd: dataEnd, horizonDays: horizonDays, latestKnown: latestKnown)
        }
        let trainDay = train ?? testDay.adding(days: -horizonDays).monthEndOnOrBefore
        guard trainDay.adding(days: horizonDays) <= testDay else {
            throw .trainingSeesTestPeriod(trainDay: trainDay, testDay: testDay, horizonDays: horizonDays,
                                          latest: testDay.adding(days: -horizonDays))
        }
        var backtest: [Fold] = []
        if folds > 0 {
            // Test days step back from the test day; each fold trains on the latest earlier
            // step whose horizon has passed by its test day.
            var steps = [testDay]
            func step(_ k: Int) -> CalendarDay {
                while steps.count <= k { steps.append(testDay.adding(months: -stepMonths * steps.count)) }
                return steps[k]
            }
            for k in 0..<folds {
                let foldTest = step(k)
                var j = k + 1
                while step(j).adding(days: horizonDays) > foldTest { j += 1 }
                backtest.append(pooled(step(j), foldTest))
            }
        }
        return EvaluationPlan(split: pooled(trainDay, testDay), horizonDays: horizonDays,
                              folds: backtest.reversed(), dataEnd: dataEnd)
    }

    /// How far back the default test day is searched for a month end with churners.
    package static let searchMonths = 36

    /// Accounts that are customers on `day` and churn in the `horizonDays` after it.
    package static func churners(_ accounts: AccountTable, on day: CalendarDay, horizonDays: Int) -> Int {
        let end = day.adding(days: horizonDays)
        return accounts.accounts.reduce(0) { count, account in
            guard account.isCustomer(on: day), let churned = account.churnedOn, churned <= end else { return count }
            return count + 1
        }
    }

    /// Every day a snapshot is needed for, oldest first, each once.
    package var snapshotDays: [CalendarDay] {
        Array(Set(([split] + folds).flatMap { $0.trainingDays + [$0.testAsOf] })).sorted()
    }
}
