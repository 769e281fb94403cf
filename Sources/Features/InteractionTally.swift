import Foundation
import Ingest

/// Interaction ratings per account over the 180 days ending on T, weighted by recency.
///
/// The weighted mean is a floating-point sum, whose last bit depends on the order of its
/// terms. So that a file read in parts gives the same bits as one read whole, the tally
/// keeps each rating with its age, in file order (bounded by the ratings of 180 days),
/// and sums them only in `write`.
struct InteractionTally: LoggedTally {
    typealias Counts = InteractionCounts
    let asOf: CalendarDay
    static var windowDays: Int { Windows.interactionDays }
    /// Per slot, `age << 3 | rating` of each rating in the window, in file order, in lists
    /// of chunks (`ChunkLists`), as the session tally keeps its lengths.
    private let ratings: OwnedChunkLists<UInt16>

    init(asOf: CalendarDay, slots: Int = 0) {
        self.asOf = asOf
        ratings = OwnedChunkLists(slotCount: slots)
    }

    mutating func add(slot: Int, _ rating: InteractionRating) {
        guard let age = asOf.age(of: rating.day), age < Windows.interactionDays else { return }
        ratings.lists.append(UInt16(age) << 3 | UInt16(rating.rating), to: slot)
    }

    mutating func append(_ later: consuming InteractionTally) {
        ratings.append(later.ratings)
    }

    /// Writes counts and weighted sums into the signals, releasing the ratings.
    mutating func write(into signals: inout [AccountSignals]) {
        let lists = ratings.lists
        precondition(lists.slotCount == signals.count, "one account's signals per slot")
        for slot in signals.indices {
            var counts = InteractionCounts()
            lists.forEachValue(of: slot) { counts.add(rating: Int($0 & 7), age: Int($0 >> 3)) }
            counts.write(into: &signals[slot])
            lists.release(slot)
        }
    }
}

/// One account's ratings in the 180 days ending on T, summed in file order (see
/// `InteractionTally`): whether they come from the tally or from a log, the terms are added
/// in the same order, so the sums have the same bits.
struct InteractionCounts: AccountCounts {
    var interactions = 0
    var ratingWeightedTotal = 0.0
    var ratingWeightTotal = 0.0
    /// Ratings of 1 or 2.
    var poorRatings = 0

    /// Weight of a rating `age` days old: 0.5^(age / half-life), tabulated once.
    static let weights: [Double] = (0..<Windows.interactionDays).map {
        pow(0.5, Double($0) / Windows.interactionHalfLifeDays)
    }

    mutating func add(_ rating: InteractionRating, asOf: CalendarDay) {
        guard let age = asOf.age(of: rating.day), age < Windows.interactionDays else { return }
        add(rating: rating.rating, age: age)
    }

    /// Adds a rating `age` days old, inside the window.
    mutating func add(rating: Int, age: Int) {
        let weight = InteractionCounts.weights[age]
        interactions += 1
        ratingWeightedTotal += weight * Double(rating)
        ratingWeightTotal += weight
        if rating <= 2 { poorRatings += 1 }
    }

    func write(into signals: inout AccountSignals) {
        signals.interactions = interactions
        signals.ratingWeightedTotal = ratingWeightedTotal
        signals.ratingWeightTotal = ratingWeightTotal
        signals.poorRatings = poorRatings
    }
}
