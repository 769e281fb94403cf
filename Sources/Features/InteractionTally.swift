import Foundation
import Ingest

/// Interaction ratings per account over the 180 days ending on T, weighted by recency.
///
/// The weighted mean is a floating-point sum, whose last bit depends on the order of its
/// terms. So that a file read in parts gives the same bits as one read whole, the tally
/// keeps each rating with its age, in file order (bounded by the ratings of 180 days),
/// and sums them only in `write`.
struct InteractionTally: EventTally {
    let asOf: CalendarDay
    static var windowDays: Int { Windows.interactionDays }
    /// Per slot, `age << 3 | rating` of each rating in the window, in file order.
    private var ratings: [[UInt16]] = []

    /// Weight of a rating `age` days old: 0.5^(age / half-life), tabulated once.
    static let weights: [Double] = (0..<Windows.interactionDays).map {
        pow(0.5, Double($0) / Windows.interactionHalfLifeDays)
    }

    init(asOf: CalendarDay, slots: Int = 0) {
        self.asOf = asOf
        ratings = Array(repeating: [], count: slots)
    }

    mutating func add(slot: Int, _ rating: InteractionRating) {
        guard let age = asOf.age(of: rating.day), age < Windows.interactionDays else { return }
        ratings[slot].append(UInt16(age) << 3 | UInt16(rating.rating))
    }

    mutating func append(_ later: consuming InteractionTally) {
        for slot in ratings.indices { ratings[slot].appendPart(&later.ratings[slot]) }
    }

    /// Writes counts and weighted sums into the signals, releasing the ratings.
    mutating func write(into signals: inout [AccountSignals]) {
        let weights = InteractionTally.weights
        for slot in signals.indices {
            for packed in ratings[slot] {
                let rating = Int(packed & 7)
                let weight = weights[Int(packed >> 3)]
                signals[slot].interactions += 1
                signals[slot].ratingWeightedTotal += weight * Double(rating)
                signals[slot].ratingWeightTotal += weight
                if rating <= 2 { signals[slot].poorRatings += 1 }
            }
            ratings[slot] = []
        }
    }
}
