import Foundation

/// Why a model file cannot be used.
package enum ModelFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notAModel(path: String, reason: String)
    case otherVersion(path: String, found: Int)
    case unknownFeature(String)

    package var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path): cannot be read (\(reason))"
        case .notAModel(let path, let reason):
            "\(path): not a healthscore model file, or a truncated one (\(reason))"
        case .otherVersion(let path, let found):
            "\(path): model file version \(found), this healthscore reads version \(ChurnModel.currentVersion) (a churn model) or \(ModelFile.survivalVersion) (a survival model)"
        case .unknownFeature(let name):
            "the model uses feature '\(name)', which this healthscore cannot build"
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
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
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
        _ = try model.definitions()
        return model
    }
}
