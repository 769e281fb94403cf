import Foundation

/// Checks JSON values against the schemas of an OpenAPI 3.1 document (JSON Schema 2020-12),
/// for the keywords the document uses. A keyword it does not know is reported as a
/// problem, so the document cannot lean on a rule nobody checks.
struct SchemaValidator {
    let document: [String: Any]

    static let annotations: Set = ["description", "default", "title", "summary", "examples"]
    static let known: Set = ["$ref", "type", "enum", "properties", "required", "additionalProperties", "items", "minimum",
                             "maximum", "maxItems", "oneOf", "pattern", "format"]

    /// Problems with `value` against `schema`, each with the JSON path where it was found.
    func problems(_ value: Any, _ schema: [String: Any], at path: String = "$") -> [String] {
        var found: [String] = []
        for key in schema.keys where !Self.known.contains(key) && !Self.annotations.contains(key) {
            found.append("\(path): schema keyword '\(key)' is not checked by this validator")
        }
        if let reference = schema["$ref"] as? String {
            guard let target = resolve(reference) else { return found + ["\(path): unresolved $ref \(reference)"] }
            return found + problems(value, target, at: path)
        }
        if let type = schema["type"] {
            let types = (type as? [String]) ?? [type as? String ?? "?"]
            if !types.contains(where: { Self.matches(value, $0) }) {
                return found + ["\(path): \(Self.describe(value)) is not of type \(types.joined(separator: " or "))"]
            }
        }
        if let options = schema["oneOf"] as? [[String: Any]] {
            let passing = options.filter { problems(value, $0, at: path).isEmpty }.count
            if passing != 1 { found.append("\(path): matches \(passing) of the oneOf schemas, not exactly one") }
        }
        if let choices = schema["enum"] as? [Any], !choices.contains(where: { Self.equal($0, value) }) {
            found.append("\(path): \(Self.describe(value)) is not one of \(choices)")
        }
        if let number = value as? NSNumber, !(value is String) {
            if let minimum = (schema["minimum"] as? NSNumber)?.doubleValue, number.doubleValue < minimum {
                found.append("\(path): \(number) is below \(minimum)")
            }
            if let maximum = (schema["maximum"] as? NSNumber)?.doubleValue, number.doubleValue > maximum {
                found.append("\(path): \(number) is above \(maximum)")
            }
        }
        if let text = value as? String {
            if let pattern = schema["pattern"] as? String,
               (try? NSRegularExpression(pattern: pattern))?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                found.append("\(path): '\(text)' does not match \(pattern)")
            }
            if schema["format"] as? String == "date", !Self.isDate(text) { found.append("\(path): '\(text)' is not a date") }
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                found.append("\(path): required key '\(name)' is missing")
            }
            for (name, item) in object {
                if let property = properties[name] {
                    found += problems(item, property, at: "\(path).\(name)")
                } else if let additional = schema["additionalProperties"] {
                    if additional as? Bool == false {
                        found.append("\(path): key '\(name)' is not in the schema")
                    } else if let additional = additional as? [String: Any] {
                        found += problems(item, additional, at: "\(path).\(name)")
                    }
                }
            }
        }
        if let array = value as? [Any] {
            if let maximum = schema["maxItems"] as? Int, array.count > maximum { found.append("\(path): \(array.count) items, over \(maximum)") }
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() { found += problems(item, items, at: "\(path)[\(index)]") }
            }
        }
        return found
    }

    /// `#/components/schemas/Name` and the like.
    func resolve(_ reference: String) -> [String: Any]? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: Any = document
        for part in reference.dropFirst(2).split(separator: "/") {
            guard let next = (node as? [String: Any])?[String(part)] else { return nil }
            node = next
        }
        return node as? [String: Any]
    }

    /// Every `$ref` anywhere in the document, for checking that each resolves.
    func references(in node: Any? = nil) -> [String] {
        switch node ?? document {
        case let object as [String: Any]:
            return ((object["$ref"] as? String).map { [$0] } ?? []) + object.values.flatMap { references(in: $0) }
        case let array as [Any]:
            return array.flatMap { references(in: $0) }
        default:
            return []
        }
    }

    static func matches(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "string": return value is String
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "number": return !(value is String) && value is NSNumber
        case "integer":
            guard !(value is String), let number = value as? NSNumber else { return false }
            return number.doubleValue.rounded() == number.doubleValue
        default: return false
        }
    }

    static func equal(_ a: Any, _ b: Any) -> Bool {
        if let a = a as? String, let b = b as? String { return a == b }
        if let a = a as? NSNumber, let b = b as? NSNumber { return a == b }
        return false
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    static func describe(_ value: Any) -> String {
        let text = String(describing: value)
        return text.count > 60 ? String(text.prefix(60)) + "…" : text
    }
}
