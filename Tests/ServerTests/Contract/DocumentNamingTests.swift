import Generated
import SchemaModel
import Testing

/// Typed client generators name an inline enum after its schema and property
/// (`AuthMember.role` → `AuthMemberRole`); a component with that name makes them drop models
/// (issue 18: `openapi-python-client` and the old `AuthMemberRole` body).
@Suite("OpenAPI component names")
struct DocumentNamingTests {
    @Test("no component is named like the inline enum of another component's property", arguments: ["bench", "tracker", "eventflow"])
    func noInlineEnumClash(app: String) throws {
        let text = switch app {
        case "bench": Bench.openAPIDocument
        case "tracker": Tracker.openAPIDocument
        default: Eventflow.openAPIDocument
        }
        let document = try DocumentedAPI(text: text)
        let schemas = document.root["components"]?["schemas"]?.members ?? []
        let names = Set(schemas.map(\.key))
        for schema in schemas {
            for property in schema.value["properties"]?.members ?? [] where property.value["enum"] != nil {
                let inline = schema.key + property.key.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
                #expect(!names.contains(inline), "\(schema.key).\(property.key) clashes with the component \(inline)")
            }
        }
    }
}
