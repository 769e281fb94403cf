import Evaluation
import Report
import Scoring
import Store

/// Small pieces of HTML the pages share; every text from the data goes through `HTML.escape`.
enum Text {
    static func badge(_ tier: Tier) -> String {
        "<span class=\"badge \(tier.rawValue)\">\(label(tier))</span>"
    }

    static func label(_ tier: Tier) -> String {
        switch tier {
        case .atRisk: "at risk"
        case .watch: "watch"
        case .healthy: "healthy"
        }
    }

    /// The change of health score since the previous run, with an arrow and words, so that
    /// it reads without colour: "▼ 12 worse".
    static func healthChange(_ change: Int?) -> String {
        guard let change else { return "<span class=\"flat\">new</span>" }
        if change < 0 { return "<span class=\"up\" title=\"health fell \(-change) points\">▼ \(-change)</span>" }
        if change > 0 { return "<span class=\"down\" title=\"health rose \(change) points\">▲ \(change)</span>" }
        return "<span class=\"flat\">no change</span>"
    }

    /// The account's name (its id when the name is empty) as a link to its page.
    static func accountLink(_ row: AccountRow) -> String {
        let name = row.name.isEmpty ? row.accountID : row.name
        return "<a class=\"account\" href=\"\(HTML.escape(AccountPath.link(row.accountID)))\">\(HTML.escape(name))</a>"
    }

    /// Id, segment and owner under a name.
    static func accountDetails(_ row: AccountRow) -> String {
        [row.accountID, row.segment, row.owner].filter { !$0.isEmpty }.map(HTML.escape).joined(separator: " · ")
    }

    static func money(_ value: Double?) -> String { Format.money(value) }
    /// A fraction as a whole percentage, "52%" (without Foundation's formatter: this runs
    /// for every row of every list).
    static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return "\(Int((100 * value).rounded()))%"
    }

    /// A signed number of log-odds: "+0.42", "−0.10".
    static func signed(_ value: Double, _ decimals: Int = 2) -> String {
        let text = fixed(abs(value), decimals)
        if text == fixed(0, decimals) { return text }
        return (value > 0 ? "+" : "−") + text
    }

    /// `value` with `decimals` digits after the point, by integer arithmetic (Foundation's
    /// format strings cost more than the rest of a row); "-" when not finite.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return value.isFinite ? Format.decimal(value, decimals) : "-" }
        let scale = (0..<decimals).reduce(1) { product, _ in product * 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(scaled) }
        let fraction = String(scaled % scale)
        return sign + String(scaled / scale) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    static func familyName(_ raw: String) -> String {
        switch raw {
        case "session_frequency": "How often they log in"
        case "session_duration": "How long their sessions last"
        case "nps": "NPS answers"
        case "marketing": "Marketing engagement"
        case "interactions": "Calls and tickets"
        case "tenure": "Time as a customer"
        case "account_size": "Account size (MRR, seats)"
        case "model": "A different model"
        default: raw
        }
    }
}
