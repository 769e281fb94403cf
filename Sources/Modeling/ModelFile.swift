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
            "\(path): model file version \(found), this healthscore reads version \(ChurnModel.currentVersion)"
        case .unknownFeature(let name):
            "the model uses feature '\(name)', which this healthscore cannot build"
        }
    }
}

extension ChurnModel {
    /// The model as pretty, key-sorted JSON, so two model files diff cleanly.
    package func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Reads and checks a model file: format, version, and that every feature can be built.
    package static func load(path: String) throws(ModelFileError) -> ChurnModel {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try decode(data, path: path)
    }

    /// Checks and decodes the bytes of a model file (`path` names them in errors): the
    /// score store keeps them and reads them back.
    package static func decode(_ data: Data, path: String) throws(ModelFileError) -> ChurnModel {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        struct Header: Decodable { var format: String?; var version: Int? }
        let header: Header
        do {
            header = try decoder.decode(Header.self, from: data)
        } catch {
            throw .notAModel(path: path, reason: "not valid JSON")
        }
        guard header.format == formatName else {
            throw .notAModel(path: path, reason: "no \"format\": \"\(formatName)\" field")
        }
        guard header.version == currentVersion else { throw .otherVersion(path: path, found: header.version ?? 0) }
        let model: ChurnModel
        do {
            model = try decoder.decode(ChurnModel.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw .notAModel(path: path, reason: "field '\(key.stringValue)' is missing")
        } catch {
            throw .notAModel(path: path, reason: "a field has the wrong type")
        }
        _ = try model.definitions()
        return model
    }
}
