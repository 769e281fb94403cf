/// What each feature is called in the report: plain words for a customer-success lead,
/// the feature name (as in the README and the model file) for the analyst.
package enum FeatureLabels {
    package static func plain(_ name: String) -> String {
        switch name {
        case "logins_30d": "Logins, last 30 days"
        case "login_trend": "Logins vs the 60 days before"
        case "days_since_last_session": "Days since the last login"
        case "session_minutes_median_30d": "Median session length"
        case "session_length_trend": "Session length vs before"
        case "nps_mean_180d": "Average NPS answer"
        case "nps_no_answer": "No NPS answer in 180 days"
        case "email_open_rate_90d": "Marketing email open rate"
        case "marketing_actions_90d": "Clicks, webinars, case studies"
        case "interaction_rating_180d": "Ratings of calls and tickets"
        case "tenure_months": "Months as a customer"
        case "mrr": "MRR"
        case "seats": "Seats"
        default: name
        }
    }
}
