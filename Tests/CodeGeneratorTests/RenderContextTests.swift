import Testing

@testable import CodeGenerator
import SchemaModel
@testable import loom

/// The render-model types that list their members themselves (`RenderContextMembers`) list
/// exactly what a `Mirror` sees, for every value of every checked-in app's model.
@Suite("Render context")
struct RenderContextTests {
    @Test("every RenderContextMembers value lists its stored properties, each with its value")
    func listedMembersMatchReflection() throws {
        let schemas = try #require(SchemaParser.parse(try Fixtures.workspace.schemaFiles()).schemas)
        let model = Translator.translate(schemas, openAPIDocuments: [:])
        var checked: Set<String> = []
        var count = 0
        func visit(_ value: Any) {
            let mirror = Mirror(reflecting: value)
            if let listed = value as? RenderContextMembers {
                let type = String(describing: Swift.type(of: value))
                checked.insert(type)
                count += 1
                let reflected = mirror.children.compactMap { child in child.label.map { ($0, String(describing: child.value)) } }
                let members = listed.contextMembers
                #expect(Set(members.keys) == Set(reflected.map(\.0)), "\(type) lists other members than it stores")
                for (label, description) in reflected {
                    #expect(members[label].map { String(describing: $0) } == description, "\(type).\(label)")
                }
            }
            for child in mirror.children { visit(child.value) }
        }
        visit(model)
        #expect(checked == ["ListItem", "PropertyRenderModel", "StatementRenderModel", "ColumnAccessorRenderModel", "InputMemberRenderModel"])
        #expect(count > 1000, "\(count) values checked")
    }

    @Test("a listed value renders as its reflection did: members converted, texts answering no lookups")
    func listedValueConverted() throws {
        let item = ListItem(expression: "a", isLast: true)
        let context = try #require(Renderer.context(item) as? [String: Any])
        #expect((context["expression"] as? Renderer.RenderedText)?.text == "a")
        #expect(context["isLast"] as? Bool == true)
    }
}
