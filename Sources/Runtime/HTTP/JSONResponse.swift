import APIContract
import Hummingbird
import ValueFormats

/// Builds JSON responses from bytes written by `JSONWriter`.
public enum JSONResponse {
    /// The `Content-Type` of every JSON answer.
    public static let contentType = "application/json"

    /// A JSON response with the given status and extra headers.
    public static func make(status: HTTPResponse.Status, bytes: [UInt8], headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A JSON response holding one value, its member names spelled with `naming`, the ids of
    /// auth resources written as `ids` says and role values as `roles` does.
    public static func make(
        status: HTTPResponse.Status, value: some JSONWritable, headers: HTTPFields = [:], naming: JSONNaming = .snakeCase,
        ids: ResourceIDs = ResourceIDs(), roles: RoleSpelling = .snakeCase
    ) -> Response {
        var writer = JSONWriter(naming: naming, ids: ids, roles: roles)
        value.writeJSON(to: &writer)
        return make(status: status, bytes: writer.bytes, headers: headers)
    }
}
