extension PortfolioKPIs {
    /// The figures as a two-column table for the terminal.
    package var text: String {
        var table = TextTable(header: ["metric", "value", "how"])
        table.leftAligned = [0, 2]
        let nps = netPromoterScore.map { Format.decimal($0, 1) } ?? "-"
        table.add(["customers at start (S)", Format.count(customersAtStart), "customers on \(period.first.adding(days: -1))"])
        table.add(["new customers (N)", Format.count(newCustomers), "started in the period"])
        table.add(["customers at end (E)", Format.count(customersAtEnd), "customers on \(period.last)"])
        table.add(["churned customers (C)", Format.count(churnedCustomers), "churned in the period"])
        table.add(["churn rate", Format.percent(churnRate), "C / S"])
        table.add(["customer retention rate", Format.percent(customerRetentionRate), "(E - N) / S x 100"])
        table.add(["MRR", Format.money(mrr), "sum of MRR of the customers at end"])
        table.add(["ARPA", Format.money(arpa), "MRR / customers at end with an MRR (\(accountsWithMRR))"])
        table.add(["churned MRR", Format.money(churnedMRR), "MRR of the accounts that churned"])
        table.add(["monthly churn rate", Format.percent(monthlyChurnRate, 2), "churn rate / \(Format.decimal(period.months, 2)) months"])
        table.add(["average lifetime (months)", Format.decimal(averageLifetimeMonths, 1), "1 / monthly churn rate"])
        table.add(["average customer lifetime value", Format.money(averageCustomerLifetimeValue), "ARPA x average lifetime, before costs"])
        table.add(["NPS", nps, "% promoters (9-10) - % detractors (0-6), \(Format.count(npsAnswers)) answers"])
        table.add(["promoters / passives / detractors", "\(promoters) / \(passives) / \(detractors)", "answers 9-10 / 7-8 / 0-6"])
        table.add(["median session duration", medianSessionMinutes.map { Format.decimal($0, 1) + " min" } ?? "-",
                   "median over \(Format.count(sessions)) sessions"])
        if let lifetime {
            let discount = lifetime.discountRate == 0 ? "not discounted" : "discounted at \(Format.percent(lifetime.discountRate)) a year"
            table.add(["predicted lifetime value of the book", Format.money(lifetime.lifetimeValue),
                       "sum of MRR x margin \(Format.decimal(lifetime.margin, 2)) x expected months, \(discount); \(Format.count(lifetime.customersWithMRR)) customers on \(lifetime.asOf)"])
            table.add(["MRR expected to leave within 90 days", Format.money(lifetime.mrrLeavingWithin90Days),
                       "sum of MRR x P(churn within 90 days)"])
            table.add(["MRR expected to leave within 365 days", Format.money(lifetime.mrrLeavingWithin365Days),
                       "sum of MRR x P(churn within 365 days)"])
            table.add(["mean expected lifetime (months)", Format.decimal(lifetime.meanExpectedLifetimeMonths, 1),
                       "survival model trained to \(lifetime.modelAsOf); this month included"])
        }
        return "Portfolio KPIs for \(period.description):\n" + table.text
    }
}
