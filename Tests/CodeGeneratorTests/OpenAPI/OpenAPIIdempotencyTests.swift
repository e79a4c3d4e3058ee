import APIContract
import Testing

@testable import CodeGenerator
@testable import SchemaModel

/// The idempotency key documented from the `idempotency` declaration, on exactly the operations
/// the runtime covers.
@Suite("OpenAPI: idempotency keys")
struct OpenAPIIdempotencyTests {
    /// The fixture app with `idempotency` (batches required) and its endpoint opting in.
    static func app(header: String = "Idempotency-Key") -> AppSchema {
        var app = OpenAPIFixture.app()
        app.config.idempotency = IdempotencyConfig(required: [.batch])
        app.config.headers.idempotencyKey = header
        app.endpoints[0].idempotency = .optional
        return app
    }

    /// The key parameter of `method path`, if documented.
    static func keyParameter(_ json: [String: Any], _ path: String, _ method: String, named name: String = "Idempotency-Key") -> [String: Any]? {
        (openAPIValue(json, "paths", path, method, "parameters") as? [[String: Any]])?.first { $0["name"] as? String == name && $0["in"] as? String == "header" }
    }

    @Test("POST and PATCH of tables and the opted-in endpoint document the key, the replay header and 400/409/422; others do not")
    func covered() throws {
        let json = try OpenAPIFixture.json(Self.app())
        let create = try #require(Self.keyParameter(json, "/v1/projects", "post"))
        #expect(create["required"] as? Bool != true)
        #expect(openAPIValue(create, "schema", "maxLength") as? Int == IdempotencyCoverage.maxKeyLength)
        #expect(Self.keyParameter(json, "/v1/projects/batch", "post")?["required"] as? Bool == true)
        #expect(Self.keyParameter(json, "/v1/projects/{id}", "patch") != nil)
        #expect(Self.keyParameter(json, "/v1/projects/{id}/summary", "post") != nil)
        #expect(Self.keyParameter(json, "/v1/projects/{id}", "put") == nil)
        #expect(Self.keyParameter(json, "/v1/projects/{id}", "delete") == nil)
        #expect(Self.keyParameter(json, "/v1/maintenance/purge", "delete") == nil)
        for status in ["400", "409", "422"] {
            #expect(openAPIValue(json, "paths", "/v1/projects/{id}/summary", "post", "responses", status) != nil, "\(status)")
        }
        #expect(openAPIValue(json, "paths", "/v1/projects", "post", "responses", "201", "headers", "Idempotent-Replayed", "$ref") as? String
            == "#/components/headers/IdempotentReplayed")
        #expect(openAPIValue(json, "components", "headers", "IdempotentReplayed") != nil)
    }

    @Test("the renamed header is documented; without the section (or disabled) nothing is")
    func renamedAndAbsent() throws {
        let renamed = try OpenAPIFixture.json(Self.app(header: "X-Idempotency-Key"))
        #expect(Self.keyParameter(renamed, "/v1/projects", "post", named: "X-Idempotency-Key") != nil)
        var disabled = Self.app()
        disabled.config.idempotency?.enabled = false
        for app in [OpenAPIFixture.app(), disabled] {
            let json = try OpenAPIFixture.json(app)
            #expect(Self.keyParameter(json, "/v1/projects", "post") == nil)
            #expect(openAPIValue(json, "components", "headers", "IdempotentReplayed") == nil)
        }
    }

    @Test("the schema's table operations and the runtime's covered operations name the same cases")
    func operationsInStep() {
        #expect(IdempotentTableOperation.allCases.map { IdempotencyTranslator.operation($0).rawValue } == IdempotentTableOperation.allCases.map(\.rawValue))
        #expect(Set(IdempotentOperation.allCases).subtracting([.endpoint]) == Set(IdempotentTableOperation.allCases.map(IdempotencyTranslator.operation)))
        #expect(Set(EndpointIdempotency.allCases.map(\.rawValue)) == Set(IdempotencyRequirement.allCases.map(\.rawValue)))
    }
}
