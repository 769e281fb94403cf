import Foundation
import Hummingbird

/// JSON responses: keys sorted, slashes left alone, as the command line writes JSON.
enum JSONBody {
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return response(data: data, status: status)
    }

    static func response(data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// `{"error": {"status": 404, "message": "..."}}`.
struct APIError: Encodable {
    var status: Int
    var message: String

    enum CodingKeys: String, CodingKey { case error }
    enum Inner: String, CodingKey { case status, message }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var inner = container.nestedContainer(keyedBy: Inner.self, forKey: .error)
        try inner.encode(status, forKey: .status)
        try inner.encode(message, forKey: .message)
    }
}
