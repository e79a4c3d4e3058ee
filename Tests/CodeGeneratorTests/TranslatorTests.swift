import SchemaModel
import Testing

@testable import CodeGenerator

@Suite("Translator units")
struct TranslatorTests {
    @Test("names: PascalCase, camelCase, keyword escaping")
    func names() {
        #expect(SwiftNames.pascalCase("project_summary") == "ProjectSummary")
        #expect(SwiftNames.camelCase("owner_email") == "ownerEmail")
        #expect(SwiftNames.camelCase("default") == "`default`")
        #expect(SwiftNames.camelCase("self") == "`self`")
    }

    @Test("literals: plain, escaped, raw for quotes, more hashes when needed")
    func literals() {
        #expect(SwiftNames.literal("plain") == #""plain""#)
        #expect(SwiftNames.literal("a\nb") == #""a\nb""#)
        #expect(SwiftNames.literal(#"SELECT "id""#) == ##"#"SELECT "id""#"##)
        #expect(SwiftNames.literal(##"x"#y"##) == ###"##"x"#y"##"###)
        #expect(SwiftNames.multilineRawLiteral(##"{"$ref": "#/x"}"##).hasPrefix("##\"\"\"\n"))
        #expect(SwiftNames.hashCount(for: "plain") == 1)
        #expect(SwiftNames.hashCount(for: "a \"# b") == 2)
        #expect(SwiftNames.hashCount(for: "\\## and \"#") == 3, "a backslash counts as a quote does")
        #expect(SwiftNames.hashCount(for: "## alone") == 1, "hashes after neither do not count")
        #expect(SwiftNames.multilineRawLiteral("{}\n") == "#\"\"\"\n{}\n\"\"\"#", "the final newline is the literal's own")
    }

    @Test("a text's quotes and newlines are found in its bytes as Character.isNewline finds them", arguments: [
        "plain", "a \"quoted\" word", "back\\slash", "a\nb", "a\r\nb", "form\u{0C}feed", "vertical\u{0B}tab", "next\u{85}line",
        "line\u{2028}separator", "para\u{2029}graph", "\u{2027}\u{202A}é€", "\"\n",
    ])
    func characterClasses(text: String) {
        let classes = SwiftNames.characterClasses(of: text)
        #expect(classes.needsEscaping == (text.contains("\"") || text.contains("\\")))
        #expect(classes.isSingleLine == !text.contains(where: \.isNewline))
    }

    @Test("tables are ordered so referenced tables come first; cycles still terminate")
    func dependencyOrder() {
        func table(_ name: String, _ references: [String]) -> TableSchema {
            TableSchema(file: "", name: name, description: "", fields: references.map {
                FieldSchema(name: $0 + "_id", type: .relation, description: "", nullable: true, table: $0)
            })
        }
        let ordered = Translator.dependencyOrder([table("comments", ["tasks"]), table("tasks", ["projects"]), table("projects", [])])
        #expect(ordered.map(\.name) == ["projects", "tasks", "comments"])
        let cycle = Translator.dependencyOrder([table("a", ["b"]), table("b", ["a"])])
        #expect(Set(cycle.map(\.name)) == ["a", "b"])
    }

    @Test("default values become typed InputValue expressions")
    func defaults() {
        #expect(FieldRules.inputValue(.string("x"), type: .enum) == #".string("x")"#)
        #expect(FieldRules.inputValue(.integer(2), type: .number) == ".number(2)")
        #expect(FieldRules.inputValue(.object([JSONMember(key: "b", value: .integer(1)), JSONMember(key: "a", value: .null)]), type: .json)
            == ##".json(RawJSON(validatedText: #"{"a":null,"b":1}"#))"##)
        #expect(FieldRules.inputValue(.null, type: .string) == ".null")
    }

    @Test("SQL literals escape quotes and map booleans per dialect")
    func sqlLiterals() {
        #expect(SQLTypes.literal(.string("O'Brien"), type: .string, dialect: .sqlite) == "'O''Brien'")
        #expect(SQLTypes.literal(.bool(true), type: .boolean, dialect: .sqlite) == "1")
        #expect(SQLTypes.literal(.bool(true), type: .boolean, dialect: .postgres) == "TRUE")
        #expect(SQLTypes.literal(.string("2024-01-31T12:00:00Z"), type: .datetime, dialect: .sqlite) == "'2024-01-31T12:00:00.000Z'")
    }

    @Test("the renderer collapses blank runs and ends files with one newline")
    func tidy() {
        #expect(Renderer.tidy("a\n\n\n  \nb\n\n") == "a\n\nb\n")
        #expect(Renderer.tidy("") == "\n")
        #expect(Renderer.tidy("\n   \n  x é\n \n\ny") == "  x é\n\ny\n", "leading blanks dropped, indentation and UTF-8 kept")
        #expect(Renderer.tidy("a\n b \n") == "a\n b \n", "a line with text keeps its spaces")
    }
}
