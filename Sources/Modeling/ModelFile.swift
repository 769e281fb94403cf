import Features
import Foundation
import Ingest

/// Why a model file cannot be used.
package enum ModelFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    /// A device, a pipe, a folder: a model file is a regular file (or a link to one).
    case notARegularFile(path: String)
    /// Larger than any model healthscore writes (`ChurnModel.maximumFileBytes`).
    case tooLarge(path: String, bytes: Int)
    case notAModel(path: String, reason: String)
    case otherVersion(path: String, found: Int)
    case unknownFeature(String)
    /// A number is NaN or infinite (the encoder writes those as "nan" and "inf").
    case notFinite(path: String, field: String)
    /// A feature's scale is not a positive number of sensible size: standardising divides by it.
    case badScale(path: String, feature: String, scale: Double)
    /// The horizon is not a positive number of days (at most `ChurnModel.maximumHorizonDays`).
    case badHorizon(path: String, days: Int)
    /// A feature is listed twice: its term would count twice in every score.
    case duplicateFeature(path: String, name: String)
    /// A feature filed under another signal family than this build computes it for.
    case wrongFamily(path: String, feature: String, found: SignalFamily, expected: SignalFamily)
    /// Any other field out of its range (a negative count, more churners than accounts).
    case outOfRange(path: String, field: String, reason: String)

    package var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path): cannot be read (\(reason))"
        case .notARegularFile(let path):
            "\(path): not a regular file (a model file is a JSON file written by healthscore)"
        case let .tooLarge(path, bytes):
            "\(path): \(bytes) bytes, more than any model file (at most \(ChurnModel.maximumFileBytes) bytes)"
        case .notAModel(let path, let reason):
            "\(path): not a healthscore model file, or a truncated one (\(reason))"
        case .otherVersion(let path, let found):
            "\(path): model file version \(found), this healthscore reads version \(ChurnModel.currentVersion) (a churn model) or \(ModelFile.survivalVersion) (a survival model)"
        case .unknownFeature(let name):
            "the model uses feature '\(name)', which this healthscore cannot build"
        case let .notFinite(path, field):
            "\(path): \(field) is not a finite number"
        case let .badScale(path, feature, scale):
            "\(path): feature '\(feature)' has scale \(scale); a scale is a positive number (the training standard deviation), from 1e-12 of the center to \(Int(ChurnModel.maximumMagnitude))"
        case let .badHorizon(path, days):
            "\(path): horizon of \(days) days; a horizon is 1 to \(ChurnModel.maximumHorizonDays) days"
        case let .duplicateFeature(path, name):
            "\(path): feature '\(name)' is listed twice"
        case let .wrongFamily(path, feature, found, expected):
            "\(path): feature '\(feature)' is filed under '\(found.rawValue)', but it belongs to '\(expected.rawValue)'"
        case let .outOfRange(path, field, reason):
            "\(path): \(field) \(reason)"
        }
    }
}

/// What every model file shares: pretty, key-sorted JSON with snake_case keys, and a
/// header that says what it is. A churn model is version 1 (no `kind`); a survival model
/// (the Survival module) is version 2 with `"kind": "discrete_time_hazard"`, so that a
/// healthscore that knows only churn models refuses it instead of scoring without its
/// baseline hazard.
package enum ModelFile {
    /// The version of survival model files, kept here so that the error of a file of another
    /// version can list every version this build reads.
    package static let survivalVersion = 2

    /// The first fields of a model file.
    package struct Header: Decodable, Sendable {
        package var format: String?
        package var version: Int?
        package var kind: String?
    }

    /// A model as pretty, key-sorted JSON, so two model files diff cleanly.
    package static func encode<Model: Encodable>(_ model: Model) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try encoder.encode(model)
        data.append(0x0A)
        return data
    }

    /// Reads a file and its header; throws unless it is a healthscore model file of some version.
    package static func read(path: String) throws(ModelFileError) -> (data: Data, header: Header) {
        let data = try ChurnModel.readModelBytes(path)
        return (data, try header(of: data, path: path))
    }

    /// The header of a model file's bytes (`path` names them in errors); throws unless they
    /// are a healthscore model file of some version.
    package static func header(of data: Data, path: String) throws(ModelFileError) -> Header {
        let header: Header
        do {
            header = try decoder.decode(Header.self, from: data)
        } catch {
            throw .notAModel(path: path, reason: "not valid JSON")
        }
        guard header.format == ChurnModel.formatName else {
            throw .notAModel(path: path, reason: "no \"format\": \"\(ChurnModel.formatName)\" field")
        }
        return header
    }

    /// Decodes the whole model, naming the first missing field.
    package static func decode<Model: Decodable>(_ type: Model.Type, from data: Data, path: String) throws(ModelFileError) -> Model {
        do {
            return try decoder.decode(Model.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw .notAModel(path: path, reason: "field '\(key.stringValue)' is missing")
        } catch {
            throw .notAModel(path: path, reason: "a field has the wrong type")
        }
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}

extension ChurnModel {
    /// No model file healthscore writes comes near this (a few kilobytes): a larger file is
    /// refused before it is read into memory.
    package static let maximumFileBytes = 16 << 20
    /// Ten years.
    package static let maximumHorizonDays = 3660
    /// The largest coefficient, fill or center taken. Features are logs of counts and
    /// amounts, ratios and 0-10 means, and coefficients are per standard deviation, so
    /// real values are below 100; the bound keeps every score a finite number.
    package static let maximumMagnitude = 1e6

    /// The model as pretty, key-sorted JSON, so two model files diff cleanly.
    package func encoded() throws -> Data {
        try ModelFile.encode(self)
    }

    /// Reads and checks a churn model file: format, version, and that every feature can be built.
    package static func load(path: String) throws(ModelFileError) -> ChurnModel {
        let (data, _) = try ModelFile.read(path: path)
        return try decode(data, path: path)
    }

    /// Checks and decodes the bytes of a churn model file (`path` names them in errors):
    /// the score store keeps model files and reads them back.
    package static func decode(_ data: Data, path: String) throws(ModelFileError) -> ChurnModel {
        let header = try ModelFile.header(of: data, path: path)
        guard header.version == currentVersion else { throw .otherVersion(path: path, found: header.version ?? 0) }
        let model = try ModelFile.decode(ChurnModel.self, from: data, path: path)
        try model.validate(path: path)
        return model
    }

    /// Checks every field a score depends on, so that a hand-edited or damaged model is
    /// refused with the field named instead of producing NaN or absurd scores: finite
    /// numbers everywhere, positive scales, a horizon of 1 to 3,660 days, each feature
    /// once, known to this build and in its own family, counts that add up.
    package func validate(path: String) throws(ModelFileError) {
        func finite(_ value: Double, _ field: String) throws(ModelFileError) {
            guard value.isFinite else { throw .notFinite(path: path, field: field) }
        }
        func bounded(_ value: Double, _ field: String) throws(ModelFileError) {
            try finite(value, field)
            guard abs(value) <= ChurnModel.maximumMagnitude else {
                throw .outOfRange(path: path, field: field, reason: "is \(value), beyond any value a fit gives (at most \(Int(ChurnModel.maximumMagnitude)) in size)")
            }
        }
        func finite(_ coefficient: Coefficient, _ field: String) throws(ModelFileError) {
            try bounded(coefficient.estimate, field + ".estimate")
            try finite(coefficient.standardError, field + ".standard_error")
            try finite(coefficient.z, field + ".z")
            try finite(coefficient.pValue, field + ".p_value")
            try finite(coefficient.lower95, field + ".lower95")
            try finite(coefficient.upper95, field + ".upper95")
        }
        guard (1...ChurnModel.maximumHorizonDays).contains(horizonDays) else {
            throw .badHorizon(path: path, days: horizonDays)
        }
        try finite(l2, "l2")
        guard l2 >= 0 else { throw .outOfRange(path: path, field: "l2", reason: "is negative") }
        try finite(intercept, "intercept")
        var seen = Set<String>()
        for (index, feature) in features.enumerated() {
            let field = "features[\(index)]"
            guard seen.insert(feature.name).inserted else { throw .duplicateFeature(path: path, name: feature.name) }
            guard let definition = FeatureCatalog.definition(named: feature.name) else {
                throw .unknownFeature(feature.name)
            }
            guard definition.family == feature.family else {
                throw .wrongFamily(path: path, feature: feature.name, found: feature.family, expected: definition.family)
            }
            try bounded(feature.fill, field + ".fill")
            try bounded(feature.center, field + ".center")
            try finite(feature.scale, field + ".scale")
            // Training leaves out a feature whose spread is below this (`Standardization`).
            guard feature.scale > 1e-12 * max(1, abs(feature.center)), feature.scale <= ChurnModel.maximumMagnitude else {
                throw .badScale(path: path, feature: feature.name, scale: feature.scale)
            }
            try finite(feature.coefficient, field + ".coefficient")
        }
        let t = training
        guard t.accounts >= 0, t.churned >= 0, t.churned <= t.accounts else {
            throw .outOfRange(path: path, field: "training", reason: "counts \(t.churned) churned of \(t.accounts) accounts")
        }
        guard t.iterations >= 0 else { throw .outOfRange(path: path, field: "training.iterations", reason: "is negative") }
        for (value, name) in [(t.logLikelihood, "log_likelihood"), (t.nullLogLikelihood, "null_log_likelihood"),
                              (t.deviance, "deviance"), (t.aic, "aic"), (t.mcFaddenR2, "mc_fadden_r2"),
                              (t.inSampleAUC, "in_sample_auc")] {
            try finite(value, "training." + name)
        }
    }

    /// The bytes of a model file: refuses anything but a regular file (a device such as
    /// /dev/zero would never end) and anything larger than `maximumFileBytes`.
    package static func readModelBytes(_ path: String) throws(ModelFileError) -> Data {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notARegularFile(path: path) }
        guard Int(info.st_size) <= maximumFileBytes else { throw .tooLarge(path: path, bytes: Int(info.st_size)) }
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        defer { try? handle.close() }
        do {
            // One byte past the limit tells a file that grew since `stat` from one that did not.
            let data = try handle.read(upToCount: maximumFileBytes + 1) ?? Data()
            guard data.count <= maximumFileBytes else { throw ModelFileError.tooLarge(path: path, bytes: data.count) }
            return data
        } catch let error as ModelFileError {
            throw error
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}
