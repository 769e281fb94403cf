import Evaluation

extension HTMLReport {
    static func kpiSection(_ data: ReportData) -> String {
        let k = data.kpis
        let dayBefore = k.period.first.adding(days: -1)
        let cards = [
            card("Net Promoter Score", k.netPromoterScore.map { Format.decimal($0, 0) } ?? "–",
                 "\(Format.count(k.npsAnswers)) answers: \(k.promoters) promoters, \(k.passives) passives, \(k.detractors) detractors"),
            card("Customer churn rate", Format.percent(k.churnRate),
                 "\(k.churnedCustomers) customers lost of \(k.customersAtStart) at the start"),
            card("Customer retention rate", Format.percent(k.customerRetentionRate),
                 "(E − N) / S × 100 = (\(k.customersAtEnd) − \(k.newCustomers)) / \(k.customersAtStart) × 100"),
            card("MRR at the end", Format.money(k.mrr),
                 "\(k.customersAtEnd) customers on \(k.period.last); \(Format.money(k.churnedMRR)) MRR left with churners"),
            card("ARPA", Format.money(k.arpa), "MRR / \(k.accountsWithMRR) accounts with an MRR"),
            card("Average customer lifetime value", Format.money(k.averageCustomerLifetimeValue),
                 k.averageLifetimeMonths.map { "ARPA × \(Format.decimal($0, 1)) months average lifetime, before costs" }
                    ?? "no churn in the period: lifetime unknown"),
            card("Median session duration", k.medianSessionMinutes.map { Format.decimal($0, 1) + " min" } ?? "–",
                 "over \(Format.count(k.sessions)) sessions"),
            card("Customers", "\(k.customersAtStart) → \(k.customersAtEnd)",
                 "\(k.newCustomers) new, \(k.churnedCustomers) lost"),
        ]
        return """
            <section id="kpis" aria-labelledby="kpis-h">
            <h2 id="kpis-h">Portfolio KPIs, \(HTML.escape(k.period.description))</h2>
            <p>The customer-success figures the team reports on, for the \(k.period.days) days from \(k.period.first) \
            to \(k.period.last), computed from the same exports.</p>
            <div class="cards">
            \(cards.joined(separator: "\n"))
            </div>
            <h3>How each figure is computed</h3>
            <dl class="defs">
            <dt>S, N, E, C</dt><dd>S: customers on \(dayBefore), the day before the period; N: accounts that started \
            in the period; E: customers on \(k.period.last); C: accounts whose churned_on falls in the period.</dd>
            <dt>NPS</dt><dd>% promoters (answers 9–10) − % detractors (0–6), over every answer given in the period; \
            passives (7–8) count in the total only. From −100 to 100.</dd>
            <dt>Churn rate</dt><dd>C / S: customers lost in the period per customer at its start. New customers lost \
            in the same period count too, so churn + retention = 100%.</dd>
            <dt>Customer retention rate</dt><dd>(E − N) / S × 100: the share of the starting customers still there \
            at the end, new customers left out.</dd>
            <dt>MRR</dt><dd>Sum of the mrr column of accounts.csv over the customers at the end (the export holds one \
            MRR per account, its current one).</dd>
            <dt>ARPA</dt><dd>MRR / number of those customers with an MRR.</dd>
            <dt>Average customer lifetime value</dt><dd>ARPA × average lifetime, with lifetime = 1 / monthly churn \
            rate and monthly churn rate = churn rate / \(Format.decimal(k.period.months, 2)) months. Revenue before \
            costs: multiply by your gross margin for profit.</dd>
            <dt>Median session duration</dt><dd>The median length of the sessions started in the period; the median, \
            not the mean, because a few sessions left open for hours would drag a mean up.</dd>
            </dl>
            </section>
            """
    }
}
