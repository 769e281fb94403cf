/// The three customer segments of a B2B SaaS book, as written in accounts.csv.
enum Segment: String, Sendable, CaseIterable {
    case smb
    case midMarket = "mid_market"
    case enterprise

    var traits: SegmentTraits {
        switch self {
        case .smb: return .smb
        case .midMarket: return .midMarket
        case .enterprise: return .enterprise
        }
    }
}

/// How a segment's accounts look and are served. Figures follow common B2B SaaS shapes:
/// small teams on monthly plans with pooled support, large ones on annual contracts with a
/// named success manager, regular meetings and quarterly business reviews.
struct SegmentTraits: Sendable {
    /// Median licensed seats and their log-normal spread.
    let medianSeats: Double
    let seatSpread: Double
    /// Median list price per seat per month, in dollars (larger plans buy more features).
    let medianPricePerSeat: Double
    /// Churn hazard relative to the base: small customers leave more easily.
    let churnMultiplier: Double
    /// Share of accounts on annual contracts, whose churn gathers before each renewal.
    let annualContractShare: Double
    /// Support tickets, account-team calls and meetings per month for a healthy account.
    let ticketsPerMonth: Double
    let callsPerMonth: Double
    let meetingsPerMonth: Double
    /// Whether the account team holds a quarterly business review.
    let holdsBusinessReviews: Bool
    /// Median session length in minutes at the reference health and the median habit.
    let medianSessionMinutes: Double
    /// The customer-success managers who cover the segment.
    let owners: [String]

    static let smb = SegmentTraits(
        medianSeats: 3, seatSpread: 0.55, medianPricePerSeat: 45, churnMultiplier: 1.3,
        annualContractShare: 0.2, ticketsPerMonth: 0.6, callsPerMonth: 0.15, meetingsPerMonth: 0,
        holdsBusinessReviews: false, medianSessionMinutes: 11,
        owners: ["Maya Patel", "Jonas Berg", "Aisha Okafor", "Daniel Kim"])

    static let midMarket = SegmentTraits(
        medianSeats: 10, seatSpread: 0.5, medianPricePerSeat: 75, churnMultiplier: 0.85,
        annualContractShare: 0.7, ticketsPerMonth: 1.0, callsPerMonth: 0.5, meetingsPerMonth: 0.3,
        holdsBusinessReviews: true, medianSessionMinutes: 15,
        owners: ["Lucia Romero", "Tom Becker", "Priya Nair"])

    static let enterprise = SegmentTraits(
        medianSeats: 30, seatSpread: 0.55, medianPricePerSeat: 110, churnMultiplier: 0.55,
        annualContractShare: 1.0, ticketsPerMonth: 2.0, callsPerMonth: 1.0, meetingsPerMonth: 1.0,
        holdsBusinessReviews: true, medianSessionMinutes: 19,
        owners: ["Sofia Lindqvist", "Marcus Reed", "Hannah O'Connell"])
}
