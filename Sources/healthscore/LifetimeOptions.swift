import ArgumentParser
import Evaluation
import Survival

/// `--margin` and `--discount-rate`: what a month of revenue is worth to the lifetime value
/// of a survival model's scores (`score`, `kpis`, `report`).
struct LifetimeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Share of revenue kept, for the lifetime value (default 1: revenue; e.g. 0.8 for an 80% gross margin).", valueName: "fraction"))
    var margin: Double?

    @Option(name: .customLong("discount-rate"), help: ArgumentHelp("Annual rate at which later revenue is discounted (default 0.10; 0 for none).", valueName: "rate"))
    var discountRate: Double?

    func validate() throws {
        if let margin, !(margin >= 0 && margin <= 1) {
            throw ValidationError("--margin is a share of revenue between 0 and 1, e.g. --margin 0.8")
        }
        if let discountRate, !(discountRate >= 0 && discountRate < 10) {
            throw ValidationError("--discount-rate is an annual rate, 0 or more, e.g. --discount-rate 0.1")
        }
    }

    var terms: LifetimeTerms {
        LifetimeTerms(margin: margin ?? LifetimeTerms.defaultMargin,
                      annualDiscountRate: discountRate ?? LifetimeTerms.defaultAnnualDiscountRate)
    }

    /// Says so on stderr when the options were given for a model that has no lifetime.
    func noteUnused(with model: TrainedModel) {
        if model.survival == nil, margin != nil || discountRate != nil {
            note("note: --margin and --discount-rate apply to survival models (`train --survival`); this model has no lifetime value")
        }
    }
}

extension LifetimeTerms {
    /// "margin 1, discounted at 10% a year".
    var sentence: String {
        let rate = annualDiscountRate == 0 ? "not discounted" : "discounted at \(Format.percent(annualDiscountRate, annualDiscountRate * 100 == (annualDiscountRate * 100).rounded() ? 0 : 1)) a year"
        return "margin \(Format.decimal(margin, margin == margin.rounded() ? 0 : 2)), \(rate)"
    }
}
