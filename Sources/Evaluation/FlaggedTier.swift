/// How well a tier picks churners: of the accounts it flags, how many left (precision),
/// and of the accounts that left, how many it flagged (recall).
package struct FlaggedTier: Sendable, Equatable, Encodable {
    /// The tier's name as the user knows it ("at_risk", "red").
    package let name: String
    package let flagged: Int
    package let churnersFlagged: Int
    package let churners: Int
    /// churners flagged / flagged; nil when the tier is empty.
    package var precision: Double? { flagged > 0 ? Double(churnersFlagged) / Double(flagged) : nil }
    /// churners flagged / churners; nil without churners.
    package var recall: Double? { churners > 0 ? Double(churnersFlagged) / Double(churners) : nil }

    package init(name: String, flagged: [Bool], labels: [Double]) {
        self.name = name
        var count = 0, hits = 0, positives = 0
        for (isFlagged, label) in zip(flagged, labels) {
            if isFlagged { count += 1 }
            if label == 1 {
                positives += 1
                if isFlagged { hits += 1 }
            }
        }
        self.flagged = count
        churnersFlagged = hits
        churners = positives
    }

    enum CodingKeys: String, CodingKey { case name, flagged, churnersFlagged, churners, precision, recall }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(flagged, forKey: .flagged)
        try container.encode(churnersFlagged, forKey: .churnersFlagged)
        try container.encode(churners, forKey: .churners)
        try container.encode(precision, forKey: .precision)
        try container.encode(recall, forKey: .recall)
    }
}
