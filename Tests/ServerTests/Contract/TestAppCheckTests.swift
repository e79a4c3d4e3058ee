import Hummingbird
import HummingbirdTesting
import Runtime
import Testing

@testable import Server

/// `TestApp.request` really runs the checker: an answer the document does not describe is an
/// issue of the test that made the request.
@Suite("TestApp checks every answer")
struct TestAppCheckTests {
    @Test("an undocumented status from a server is recorded as an issue")
    func recordsViolations() async throws {
        let app = try AppCatalog.app(named: "bench")
        let router = Router(context: LoomRequestContext.self)
        router.get("/v1/items/:id") { _, _ in Response(status: HTTPResponse.Status(code: 418)) }
        try await Application(router: router).test(.router) { client in
            let testApp = try TestApp(client: client, app: app)
            try await withKnownIssue("GET /v1/items/{id} does not document 418") {
                _ = try await testApp.request(.get, "/v1/items/1")
            } matching: { issue in
                issue.comments.contains { $0.rawValue.contains("(getItem) answered 418") }
            }
        }
    }
}
