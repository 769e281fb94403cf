/// The groups features belong to. Reasons are given per family, so two features of one
/// signal (a level and a trend) speak as one reason.
public enum SignalFamily: String, Sendable, Codable, CaseIterable {
    case sessionFrequency = "session_frequency"
    case sessionDuration = "session_duration"
    case nps
    case marketing
    case interactions
    case tenure
    case revenue
    case seats
}
