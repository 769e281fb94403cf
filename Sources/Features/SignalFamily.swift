/// The groups features belong to. Reasons are given per family, so two features of one
/// signal (a level and a trend) speak as one reason.
package enum SignalFamily: String, Sendable, Codable, CaseIterable {
    case sessionFrequency = "session_frequency"
    case sessionDuration = "session_duration"
    case nps
    case marketing
    case interactions
    case tenure
    /// MRR and seats: they move together, so they speak as one reason.
    case accountSize = "account_size"
}
