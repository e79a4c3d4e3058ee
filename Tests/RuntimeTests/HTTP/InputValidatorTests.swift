import Foundation
import Testing

@testable import Runtime

@Suite("InputValidator")
struct InputValidatorTests {
    static let rules: [FieldRule] = [
        FieldRule("name", .string(pattern: Pattern("[a-z]+")), required: true, maxLength: 5),
        FieldRule("size", .integer, minimum: 1, maximum: 10, defaultValue: .integer(3)),
        FieldRule("note", .text, nullable: true),
        FieldRule("kind", .enumeration(["a", "b"]), defaultValue: .string("a")),
        FieldRule("secret", .integer, readOnly: true, defaultValue: .integer(0)),
    ]

    private func validate(_ json: String, mode: InputValidator.Mode = .create) throws(APIError) -> ValidatedObject {
        try InputValidator.validate(body: try! JSONInputParser.parse(Array(json.utf8)), rules: Self.rules, mode: mode)
    }

    private func fields(_ json: String, mode: InputValidator.Mode = .create) -> [String] {
        do {
            _ = try validate(json, mode: mode)
            return []
        } catch {
            return error.fieldErrors.map(\.field)
        }
    }

    @Test("create fills defaults and nulls for absent optional fields")
    func defaults() throws {
        let object = try validate(#"{"name": "abc"}"#)
        #expect(object.values == [.string("abc"), .integer(3), .null, .string("a"), .integer(0)])
    }

    @Test("patch leaves absent fields absent")
    func patch() throws {
        let object = try validate(#"{"size": 4}"#, mode: .patch)
        #expect(object.values == [nil, .integer(4), nil, nil, nil])
    }

    @Test("every problem is reported, each naming its field")
    func everyProblem() {
        #expect(fields(#"{"size": 11, "note": 5, "kind": "c", "secret": 1, "other": true}"#) == ["name", "size", "note", "kind", "secret", "other"])
        #expect(fields(#"{"name": "ABC"}"#) == ["name"])
        #expect(fields(#"{"name": "abcdef"}"#) == ["name"])
        #expect(fields(#"{"name": null}"#, mode: .patch) == ["name"])
        #expect(fields(#"{"name": "a", "size": 2.5}"#) == ["size"])
        #expect(fields(#"{"name": "a", "size": 2.0}"#).isEmpty)
    }

    @Test("a non-object body is a single 422 on `body`")
    func notAnObject() {
        #expect(fields("[1]") == ["body"])
    }

    @Test("formats: email, url, date, datetime, uuid", arguments: [
        (FieldRule("v", .email), #""a@b.co""#, true), (FieldRule("v", .email), #""a@b""#, false),
        (FieldRule("v", .url), #""https://x.io/p?q=1""#, true), (FieldRule("v", .url), #""javascript:alert(1)""#, false),
        (FieldRule("v", .date), #""2024-02-29""#, true), (FieldRule("v", .date), #""2023-02-29""#, false),
        (FieldRule("v", .datetime), #""2024-01-31T12:00:00Z""#, true), (FieldRule("v", .datetime), #""2024-01-31""#, false),
        (FieldRule("v", .uuid), #""6f9619ff-8b86-d011-b42d-00c04fc964ff""#, true), (FieldRule("v", .uuid), "7", false),
    ])
    func formats(rule: FieldRule, json: String, valid: Bool) {
        let body = try! JSONInputParser.parse(Array(#"{"v": \#(json)}"#.utf8))
        let result = Result { () throws(APIError) in try InputValidator.validate(body: body, rules: [rule], mode: .body) }
        #expect(((try? result.get()) != nil) == valid)
    }
}
