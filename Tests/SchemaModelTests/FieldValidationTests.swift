import Testing

@testable import SchemaModel

@Suite("Field validation")
struct FieldValidationTests {
    /// Diagnostics for the fixture with the users table's fields replaced.
    private func diagnostics(fields: String, extra: String = "") -> [Diagnostic] {
        TestSchemas.diagnostics(TestSchemas.files(TestSchemas.table("users", fields: fields, extra: extra)))
    }

    @Test("relation to a missing table suggests the closest table")
    func relationToMissingTable() {
        let result = diagnostics(
            fields: #""manager": {"type": "relation", "description": "Boss.", "table": "user", "nullable": true}"#)
        expectDiagnostic(
            result, code: "unknown-table", path: "fields.manager.table",
            contains: "relation to unknown table \"user\" in app \"tasks\"; use one of users (did you mean \"users\"?)")
    }

    @Test("onDelete setNull needs nullable")
    func setNullWithoutNullable() {
        let result = diagnostics(
            fields:
                #""manager": {"type": "relation", "description": "Boss.", "table": "users", "required": true, "onDelete": "setNull"}"#
        )
        expectDiagnostic(
            result, code: "set-null-requires-nullable", path: "fields.manager.onDelete",
            contains: "needs \"nullable\": true")
    }

    @Test("min greater than max, fractional integer bounds and negative lengths")
    func bounds() {
        let result = diagnostics(
            fields: #"""
                "age": {"type": "integer", "description": "Age.", "required": true, "min": 10, "max": 5.5},
                "nick": {"type": "string", "description": "Nick.", "required": true, "minLength": -1, "maxLength": 3},
                "code": {"type": "string", "description": "Code.", "required": true, "minLength": 4, "maxLength": 3}
                """#)
        expectDiagnostic(
            result, code: "invalid-bounds", path: "fields.age.min",
            contains: "\"min\" (10) is greater than \"max\" (5.5)")
        expectDiagnostic(
            result, code: "invalid-bounds", path: "fields.age.max", contains: "must be a whole number, found 5.5")
        expectDiagnostic(result, code: "invalid-bounds", path: "fields.nick.minLength", contains: "must be 0 or more")
        expectDiagnostic(
            result, code: "invalid-bounds", path: "fields.code.minLength", contains: "\"minLength\" (4) is greater than"
        )
    }

    @Test("a pattern that does not compile")
    func badPattern() {
        let result = diagnostics(
            fields: #""slug": {"type": "string", "description": "Slug.", "required": true, "pattern": "^[a-z+$"}"#)
        expectDiagnostic(
            result, code: "invalid-pattern", path: "fields.slug.pattern", contains: "is not a valid regular expression")
    }

    @Test("defaults of the wrong kind or format")
    func defaultOfWrongType() {
        let result = diagnostics(
            fields: #"""
                "count": {"type": "integer", "description": "Count.", "default": "3"},
                "ratio": {"type": "number", "description": "Ratio.", "default": 1},
                "born": {"type": "date", "description": "Birthday.", "default": "2023-02-29"},
                "seen": {"type": "datetime", "description": "Seen.", "default": "2024-01-31T12:00:00.123Z"},
                "site": {"type": "url", "description": "Site.", "default": "ftp://example.com"},
                "nick": {"type": "string", "description": "Nick.", "default": "toolong", "maxLength": 3},
                "level": {"type": "integer", "description": "Level.", "default": 11, "max": 10},
                "flag": {"type": "boolean", "description": "Flag.", "default": null},
                "data": {"type": "json", "description": "Data.", "default": [1, {"a": null}]}
                """#)
        expectDiagnostic(
            result, code: "invalid-default", path: "fields.count.default",
            contains: "expected an integer, found a string")
        expectDiagnostic(
            result, code: "invalid-default", path: "fields.born.default", contains: "is not a calendar date")
        expectDiagnostic(
            result, code: "invalid-default", path: "fields.site.default", contains: "absolute http or https URL")
        expectDiagnostic(
            result, code: "invalid-default", path: "fields.nick.default", contains: "longer than \"maxLength\" 3")
        expectDiagnostic(
            result, code: "invalid-default", path: "fields.level.default", contains: "11 is greater than \"max\" 10")
        expectDiagnostic(result, code: "invalid-default", path: "fields.flag.default", contains: "null is only allowed")
        expectDiagnostic(result, code: "reserved-field-name", path: "fields.count", contains: "list query parameter")
        #expect(result.count == 7, "\(render(result))")
    }

    @Test("defaults follow the server's formats, lengths included (one ValueFormats module)")
    func defaultsUseServerFormats() {
        let longLocalPart = String(repeating: "a", count: 65) + "@example.com"
        let result = diagnostics(
            fields: """
                "mail": {"type": "email", "description": "Mail.", "default": "\(longLocalPart)"},
                "seen": {"type": "datetime", "description": "Seen.", "default": "2024-01-31T12:00:00+02:00"},
                "ok": {"type": "datetime", "description": "Fine.", "default": "2024-01-31T12:00:00.5Z"}
                """)
        expectDiagnostic(result, code: "invalid-default", path: "fields.mail.default", contains: "is not an email address")
        expectDiagnostic(result, code: "invalid-default", path: "fields.seen.default", contains: "is not a UTC date-time")
        #expect(result.count == 2, "\(render(result))")
    }

    @Test("an enum default must be one of its values")
    func enumDefaultNotInValues() {
        let result = diagnostics(
            fields:
                #""role": {"type": "enum", "description": "Role.", "values": ["admin", "member"], "default": "membr", "example": "admin"}"#
        )
        expectDiagnostic(
            result, code: "invalid-default", path: "fields.role.default",
            contains: "\"membr\" is not one of the enum values; use one of admin, member (did you mean \"member\"?)")
        #expect(result.count == 1, "\(render(result))")
    }

    @Test("an optional table field needs nullable or a default")
    func optionalWithoutDefault() {
        let result = diagnostics(fields: #""bio": {"type": "text", "description": "About."}"#)
        expectDiagnostic(
            result, code: "optional-without-default", path: "fields.bio",
            contains: "optional field needs \"nullable\": true or a \"default\"")
    }

    @Test("required with default, readOnly without a starting value")
    func presence() {
        let result = diagnostics(
            fields: #"""
                "score": {"type": "integer", "description": "Score.", "required": true, "default": 0},
                "token": {"type": "string", "description": "Token.", "readOnly": true}
                """#)
        expectDiagnostic(
            result, code: "required-with-default", path: "fields.score.default",
            contains: "a required field never uses its default; remove \"required\" or \"default\"")
        expectDiagnostic(
            result, code: "invalid-read-only", path: "fields.token.readOnly", contains: "needs a \"default\"")
    }

    @Test("constraints that do not apply to the type or placement")
    func inapplicableConstraints() {
        let result = diagnostics(
            fields: #"""
                "name": {"type": "string", "description": "N.", "required": true, "min": 1, "values": ["a"], "table": "users"},
                "count": {"type": "integer", "description": "C.", "required": true, "maxLength": 3, "pattern": "x"},
                "state": {"type": "enum", "description": "S.", "required": true},
                "tags": {"type": "array", "description": "T.", "nullable": true, "items": {"type": "string"}},
                "on": {"type": "boolean", "description": "O.", "required": true, "unique": true}
                """#)
        expectDiagnostic(
            result, code: "constraint-not-applicable", path: "fields.name.min", contains: "use \"minLength\"")
        expectDiagnostic(
            result, code: "constraint-not-applicable", path: "fields.name.values", contains: "only applies to enum")
        expectDiagnostic(
            result, code: "constraint-not-applicable", path: "fields.name.table", contains: "only applies to relation")
        expectDiagnostic(
            result, code: "constraint-not-applicable", path: "fields.count.maxLength", contains: "use \"max\"")
        expectDiagnostic(
            result, code: "constraint-not-applicable", path: "fields.count.pattern", contains: "only applies to string")
        expectDiagnostic(
            result, code: "missing-constraint", path: "fields.state.values", contains: "an enum field needs \"values\"")
        expectDiagnostic(result, code: "type-not-allowed", path: "fields.tags.type", contains: "use \"json\"")
        expectDiagnostic(
            result, code: "constraint-not-applicable", path: "fields.on.unique", contains: "not supported on boolean")
    }

    @Test("enum values must be non-empty and distinct")
    func enumValues() {
        let result = diagnostics(
            fields: #"""
                "a": {"type": "enum", "description": "A.", "required": true, "values": []},
                "b": {"type": "enum", "description": "B.", "required": true, "values": ["x", "", "x"]}
                """#)
        expectDiagnostic(result, code: "invalid-enum-values", path: "fields.a.values", contains: "is empty")
        expectDiagnostic(result, code: "invalid-enum-values", path: "fields.b.values[1]", contains: "cannot be empty")
        expectDiagnostic(result, code: "invalid-enum-values", path: "fields.b.values[2]", contains: "listed twice")
    }

    @Test("names must be snake_case and may not shadow generated columns")
    func fieldNames() {
        let result = diagnostics(
            fields: #"""
                "createdAt": {"type": "datetime", "description": "C.", "nullable": true},
                "created_at": {"type": "datetime", "description": "C.", "nullable": true},
                "id": {"type": "uuid", "description": "I.", "nullable": true},
                "blank": {"type": "string", "description": "  ", "nullable": true}
                """#)
        expectDiagnostic(result, code: "invalid-name", path: "fields.createdAt", contains: "(e.g. \"created_at\")")
        expectDiagnostic(
            result, code: "reserved-field-name", path: "fields.created_at", contains: "\"timestamps\": false")
        expectDiagnostic(result, code: "reserved-field-name", path: "fields.id", contains: "generated primary key")
        expectDiagnostic(result, code: "empty-description", path: "fields.blank.description", contains: "is empty")
    }

    @Test("a valid table passes without diagnostics")
    func validTable() {
        let result = diagnostics(
            fields: #"""
                "email": {"type": "email", "description": "E.", "required": true, "unique": true, "example": "ada@example.com"},
                "role": {"type": "enum", "description": "R.", "values": ["admin", "member"], "default": "member"},
                "seen": {"type": "datetime", "description": "S.", "nullable": true, "example": "2024-01-31T12:00:00Z"},
                "code": {"type": "string", "description": "C.", "pattern": "^[A-Z]{3}$", "default": "ABC"},
                "leader": {"type": "relation", "description": "L.", "table": "users", "nullable": true, "onDelete": "setNull",
                           "example": "123e4567-e89b-12d3-a456-426614174000"},
                "born": {"type": "date", "description": "B.", "nullable": true, "example": "2024-02-29"}
                """#)
        #expect(result.isEmpty, "\(render(result))")
    }
}
