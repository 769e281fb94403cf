import Foundation
import Ingest
import Yams

/// Why a mapping file cannot be used: every case names the file, and the line where the
/// YAML says it.
package enum MappingError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notYAML(path: String, line: Int?, reason: String)
    /// A key the mapping does not know (a typo, usually): `allowed` lists those it does.
    case unknownKey(path: String, line: Int?, key: String, allowed: [String])
    /// A value of the wrong kind or form.
    case badValue(path: String, line: Int?, key: String, value: String, expected: String)

    package var description: String {
        func at(_ path: String, _ line: Int?) -> String { line.map { "\(path) line \($0)" } ?? path }
        switch self {
        case let .unreadable(path, reason): return "\(path): cannot be read (\(reason))"
        case let .notYAML(path, line, reason): return "\(at(path, line)): not a YAML mapping file (\(reason))"
        case let .unknownKey(path, line, key, allowed):
            return "\(at(path, line)): unknown key '\(key)' (known here: \(allowed.joined(separator: ", ")))"
        case let .badValue(path, line, key, value, expected):
            return "\(at(path, line)): '\(value)' is not a valid \(key) (\(expected))"
        }
    }
}

/// Reads a mapping file: YAML naming, per input file, the export's file name, its column
/// names, its date format, its unit of session length and its marketing event names.
///
/// ```yaml
/// sessions:
///   file: product_sessions.csv
///   columns: {account_id: account, started_at: timestamp_ms, duration_seconds: session_length_min}
///   date_format: unix_ms
///   duration_unit: minutes
/// ```
///
/// docs/mappings.md has the whole schema and two worked examples.
package enum MappingFile {
    /// Mapping files are a few lines; a larger file is refused before it is read.
    static let maximumBytes = 1 << 20

    package static func load(path: String) throws(MappingError) -> DatasetMapping {
        let name = path
        switch InputFiles.status(path) {
        case .regular(let bytes):
            guard bytes <= maximumBytes else { throw .unreadable(path: name, reason: "larger than 1 MiB") }
        case .missing: throw .unreadable(path: name, reason: "not found")
        case .danglingLink: throw .unreadable(path: name, reason: "a link to a file that does not exist")
        case .notRegular: throw .unreadable(path: name, reason: "not a regular file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: name, reason: "cannot be opened")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .notYAML(path: name, line: nil, reason: "not UTF-8 text")
        }
        return try parse(text, path: name)
    }

    /// The keys of each file's section.
    static let fileKeys = ["file", "columns", "date_format"]

    package static func parse(_ text: String, path: String) throws(MappingError) -> DatasetMapping {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw .notYAML(path: path, line: line(of: error), reason: reason(of: error))
        } catch {
            throw .notYAML(path: path, line: nil, reason: "\(error)")
        }
        var mapping = DatasetMapping()
        guard let root else { return mapping }   // an empty file maps nothing
        guard let sections = root.mapping else {
            throw .notYAML(path: path, line: root.mark?.line, reason: "the top level must be keys such as accounts: and sessions:")
        }
        let names = ["accounts"] + EventFile.allCases.map(\.rawValue)
        for (keyNode, value) in sections {
            let key = try string(keyNode, key: "section", path: path)
            if key == "accounts" {
                mapping.accounts = try file(value, columns: MappedColumns.all, extraKeys: [], path: path, section: key)
            } else if let event = EventFile(rawValue: key) {
                var extra: [String] = []
                if event == .sessions { extra.append("duration_unit") }
                if event == .marketing { extra.append("events") }
                mapping.events[event] = try file(value, columns: MappedColumns.event(event), extraKeys: extra,
                                                 path: path, section: key)
            } else {
                throw .unknownKey(path: path, line: keyNode.mark?.line, key: key, allowed: names)
            }
        }
        return mapping
    }

    private static func file(_ node: Node, columns known: [String], extraKeys: [String], path: String,
                             section: String) throws(MappingError) -> FileMapping {
        guard let entries = node.mapping else {
            throw .badValue(path: path, line: node.mark?.line, key: section, value: node.string ?? "?",
                            expected: "a section with keys " + (fileKeys + extraKeys).joined(separator: ", "))
        }
        var result = FileMapping()
        for (keyNode, value) in entries {
            let key = try string(keyNode, key: "key", path: path)
            let line = value.mark?.line ?? keyNode.mark?.line
            switch key {
            case "file":
                let name = try string(value, key: "file", path: path)
                guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
                    throw .badValue(path: path, line: line, key: "file name", value: name,
                                    expected: "a file name inside the dataset folder, without a path")
                }
                result.fileName = name
            case "columns":
                guard let pairs = value.mapping else {
                    throw .badValue(path: path, line: line, key: "columns", value: value.string ?? "?",
                                    expected: "pairs such as account_id: Account ID")
                }
                for (columnNode, exportNode) in pairs {
                    let column = try string(columnNode, key: "column", path: path).lowercased()
                    guard known.contains(column) else {
                        throw .unknownKey(path: path, line: columnNode.mark?.line, key: column, allowed: known)
                    }
                    let export = try string(exportNode, key: "column name", path: path)
                    guard !export.trimmingCharacters(in: .whitespaces).isEmpty else {
                        throw .badValue(path: path, line: exportNode.mark?.line, key: "column name", value: export,
                                        expected: "the header name in the export")
                    }
                    result.columns[column] = export
                }
            case "date_format":
                let text = try string(value, key: "date_format", path: path)
                guard let format = DateFormat(text) else {
                    throw .badValue(path: path, line: line, key: "date_format", value: text,
                                    expected: "a pattern of YYYY or YY, MM or M, DD or D and separators, such as MM/DD/YYYY; or unix_seconds or unix_ms")
                }
                result.dateFormat = format
            case "duration_unit" where extraKeys.contains(key):
                let text = try string(value, key: "duration_unit", path: path)
                guard let unit = DurationUnit(rawValue: text.lowercased()) else {
                    throw .badValue(path: path, line: line, key: "duration_unit", value: text,
                                    expected: DurationUnit.allCases.map(\.rawValue).joined(separator: ", "))
                }
                result.durationUnit = unit
            case "events" where extraKeys.contains(key):
                guard let pairs = value.mapping else {
                    throw .badValue(path: path, line: line, key: "events", value: value.string ?? "?",
                                    expected: "pairs such as Email Opened: email_open")
                }
                for (exportNode, kindNode) in pairs {
                    let export = try string(exportNode, key: "event name", path: path)
                    let kindText = try string(kindNode, key: "event", path: path)
                    guard let kind = MarketingEventKind(rawValue: kindText.lowercased()) else {
                        throw .badValue(path: path, line: kindNode.mark?.line, key: "marketing event", value: kindText,
                                        expected: MarketingEventKind.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    result.eventNames[export.trimmingCharacters(in: .whitespaces)] = kind
                }
            default:
                throw .unknownKey(path: path, line: keyNode.mark?.line, key: key, allowed: fileKeys + extraKeys)
            }
        }
        return result
    }

    private static func string(_ node: Node, key: String, path: String) throws(MappingError) -> String {
        guard case .scalar(let scalar) = node else {
            throw .badValue(path: path, line: node.mark?.line, key: key, value: "(a list or section)", expected: "a single value")
        }
        return scalar.string
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    private static func reason(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
        }
    }
}

/// The column names of the input format that a mapping may rename.
enum MappedColumns {
    static let all = ["account_id", "started_on", "name", "owner", "segment", "mrr", "seats", "churned_on"]

    static func event(_ file: EventFile) -> [String] {
        var columns = ["account_id", file.timeColumn, "user_id"]
        switch file {
        case .sessions: columns.append("duration_seconds")
        case .nps: columns.append("score")
        case .marketing: columns.append("event")
        case .interactions: columns += ["rating", "channel"]
        }
        return columns
    }
}
