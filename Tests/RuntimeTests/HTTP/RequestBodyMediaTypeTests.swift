import Testing

@testable import Runtime

/// `RequestBody.isJSON` decides 415 for every write; it compares bytes, so each rule it
/// replaced (split at `;`, trim, lower-case, exact or `+json` suffix) is pinned here.
@Suite("RequestBody media type")
struct RequestBodyMediaTypeTests {
    @Test("JSON media types are accepted, with parameters, blanks and any case")
    func accepted() {
        for value in [
            "application/json", "application/json; charset=utf-8", " application/json ", "\tApplication/JSON;charset=UTF-8",
            "application/problem+json", "application/vnd.api+json; q=1", "APPLICATION/MERGE-PATCH+JSON",
        ] {
            #expect(RequestBody.isJSON(value), "\(value)")
        }
    }

    @Test("Other media types are refused")
    func refused() {
        for value in [
            "", ";", "text/plain", "application/jsonx", "application/xml", "application/+json", "text/json",
            "application/json-seq", "multipart/form-data; boundary=x", "application/ json", "json",
            // The media type is what comes before the first `;`, and a `+json` type needs a name.
            ";application/json", "application/+json",
        ] {
            #expect(!RequestBody.isJSON(value), "\(value)")
        }
    }
}
