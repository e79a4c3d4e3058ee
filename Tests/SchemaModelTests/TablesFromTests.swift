import Testing

@testable import SchemaModel

/// `tablesFrom`: an app serves another app directory's tables under its own settings (the
/// benchmark's protections-on variant of `bench`), and the parser refuses every way the
/// borrowing could leave a table declared in two places or nowhere.
@Suite("tablesFrom")
struct TablesFromTests {
    static let variantPath = "Schemas/guarded/app.json"

    /// `Schemas/guarded/app.json` with `tablesFrom` set to `source`.
    static func variant(_ source: String) -> SchemaFile {
        TestSchemas.file(
            variantPath,
            #"{"name": "guarded", "title": "Guarded", "version": "1.0.0", "description": "Tasks, other errors.", "#
                + #""tablesFrom": "\#(source)", "errorFormat": "envelope"}"#)
    }

    @Test("the borrowing app serves the source's tables, read once from the source's files")
    func borrowsTables() throws {
        let loaded = try SchemaPipeline.load(TestSchemas.files(Self.variant("tasks"))).get()
        let guarded = try #require(loaded.schemas.apps.first { $0.config.name == "guarded" })
        let tasks = try #require(loaded.schemas.apps.first { $0.config.name == "tasks" })
        #expect(guarded.tables.map(\.name) == ["users"])
        #expect(guarded.tables.map(\.file) == [TestSchemas.usersPath])
        #expect(guarded.tables.map(\.name) == tasks.tables.map(\.name))
        #expect(guarded.config.errorFormat == .envelope)
        #expect(tasks.config.errorFormat == .problem)
    }

    @Test("an unknown source is refused with the apps to choose from")
    func unknownSource() {
        expectDiagnostic(
            TestSchemas.diagnostics(TestSchemas.files(Self.variant("taks"))), code: "invalid-tables-from",
            file: Self.variantPath, path: "/tablesFrom", contains: "did you mean \"tasks\"")
    }

    @Test("an app cannot borrow from itself")
    func ownTables() {
        expectDiagnostic(
            TestSchemas.diagnostics(TestSchemas.files(Self.variant("guarded"))), code: "invalid-tables-from",
            file: Self.variantPath, path: "/tablesFrom", contains: "its own tables")
    }

    @Test("a chain of borrowing is refused, naming the app that declares the tables")
    func chained() {
        let second = TestSchemas.file(
            "Schemas/second/app.json",
            #"{"name": "second", "title": "Second", "version": "1.0.0", "description": "Borrows twice.", "tablesFrom": "guarded"}"#)
        expectDiagnostic(
            TestSchemas.diagnostics(TestSchemas.files(Self.variant("tasks"), second)), code: "invalid-tables-from",
            file: "Schemas/second/app.json", path: "/tablesFrom", contains: "name tasks instead")
    }

    @Test("a borrowing app with a tables/ directory of its own is refused")
    func tablesOfItsOwn() {
        let own = TestSchemas.file(
            "Schemas/guarded/tables/notes.json",
            #"{"name": "notes", "description": "Notes.", "fields": {"text": {"type": "string", "description": "Text."}}}"#)
        expectDiagnostic(
            TestSchemas.diagnostics(TestSchemas.files(Self.variant("tasks"), own)), code: "invalid-tables-from",
            file: Self.variantPath, path: "/tablesFrom", contains: "either declares tables or borrows them")
    }
}
