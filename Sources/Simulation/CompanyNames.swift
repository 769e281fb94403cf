/// Plausible company names. A few contain a comma, quotes or non-ASCII letters, as real CRM
/// exports do, so readers of the files meet RFC 4180 quoting and UTF-8 from the first run.
enum CompanyNames {
    static func make(using random: inout RandomSource) -> String {
        let roll = random.uniform()
        switch roll {
        case ..<0.30:
            return "\(pick(words, &random)) \(pick(industries, &random))"
        case ..<0.52:
            return "\(pick(surnames, &random)) \(pick(industries, &random))"
        case ..<0.72:
            return "\(pick(words, &random))\(pick(techSuffixes, &random)) \(pick(legalForms, &random))"
        case ..<0.82:
            return "\(pick(words, &random)) \(pick(words, &random)) \(pick(legalForms, &random))"
        case ..<0.90:
            // "Lopez, Hart & Co": partners' names, the classic comma in a company name.
            return "\(pick(surnames, &random)), \(pick(surnames, &random)) & Co"
        case ..<0.94:
            return "\(pick(surnames, &random)) \(pick(industries, &random)), Inc."
        case ..<0.98:
            return "\(pick(europeanNames, &random))"
        default:
            return "\(pick(words, &random)) \"\(pick(words, &random))\" \(pick(industries, &random))"
        }
    }

    private static func pick(_ list: [String], _ random: inout RandomSource) -> String {
        list[random.integer(below: list.count)]
    }

    private static let surnames = [
        "Lopez", "Hart", "Nguyen", "Okafor", "Schmidt", "Rossi", "Tanaka", "Kowalski", "Silva", "Murphy",
        "Haddad", "Johansson", "Dubois", "Patel", "Garcia", "Novak", "Fischer", "Brennan", "Costa", "Ivanova",
        "Walker", "Moreau", "Lindgren", "Abara", "Keller", "Romano", "Chen", "Davies", "Morgan", "Reyes",
    ]
    private static let words = [
        "Blue", "Harbor", "Summit", "Northwind", "Granite", "Cedar", "Bright", "Silver", "Atlas", "Pioneer",
        "Evergreen", "Copper", "Orbit", "Lumen", "Falcon", "Meridian", "Redwood", "Beacon", "Vertex", "Willow",
        "Keystone", "Harvest", "Nimbus", "Crescent", "Polar", "Sterling", "Aspen", "Coral", "Riverbend", "Iron",
    ]
    private static let industries = [
        "Logistics", "Analytics", "Health", "Foods", "Robotics", "Media", "Capital", "Energy", "Labs", "Retail",
        "Freight", "Insurance", "Studios", "Dental", "Legal", "Consulting", "Manufacturing", "Hospitality",
    ]
    private static let techSuffixes = ["ly", "wave", "stack", "base", "works", "hub", "sync", "forge", "io", "point"]
    private static let legalForms = ["Inc.", "LLC", "Ltd", "GmbH", "Group", "Corp.", "AG", "Partners"]
    private static let europeanNames = [
        "Müller Maschinenbau GmbH", "Café Lumière SARL", "Søndergaard & Holm ApS", "Zürich Präzision AG",
        "Estúdio Açores Lda", "Łódź Logistyka Sp. z o.o.", "Öhman Fastigheter AB", "Crème Digital SAS",
    ]
}
