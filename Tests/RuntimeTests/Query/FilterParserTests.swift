import QueryGrammar
import Testing

/// The filter grammar on its own: valid forms, precedence, and rejection of hostile input.
struct FilterParserTests {
    private func comparison(_ path: String, _ operation: FilterOperator, _ values: [FilterLiteral]) -> FilterExpression {
        .comparison(FilterComparison(path: path.split(separator: ".").map(String.init), operation: operation, values: values))
    }

    @Test func parsesEveryOperator() throws {
        let cases: [(String, FilterExpression)] = [
            ("status = 'open'", comparison("status", .equal, [.string("open")])),
            ("status!=\"open\"", comparison("status", .notEqual, [.string("open")])),
            ("priority > 2", comparison("priority", .greater, [.integer(2)])),
            ("priority >= -2", comparison("priority", .greaterOrEqual, [.integer(-2)])),
            ("estimate < 2.5", comparison("estimate", .less, [.number(2.5)])),
            ("estimate <= 1e3", comparison("estimate", .lessOrEqual, [.number(1000)])),
            ("title ~ 'web'", comparison("title", .contains, [.string("web")])),
            ("title !~ 'web'", comparison("title", .notContains, [.string("web")])),
            ("title like 'W%'", comparison("title", .like, [.string("W%")])),
            ("title ILIKE '%\\_x'", comparison("title", .ilike, [.string("%\\_x")])),
            ("status in ('a', 'b')", comparison("status", .isIn, [.string("a"), .string("b")])),
            ("due_on is null", comparison("due_on", .isNull, [])),
            ("due_on IS NOT NULL", comparison("due_on", .isNotNull, [])),
            ("due_on = null", comparison("due_on", .isNull, [])),
            ("due_on != null", comparison("due_on", .isNotNull, [])),
            ("billable = true", comparison("billable", .equal, [.bool(true)])),
            ("project_id.name = 'x'", comparison("project_id.name", .equal, [.string("x")])),
            ("name = 'it\\'s'", comparison("name", .equal, [.string("it's")])),
        ]
        for (text, expected) in cases {
            let parsed = try FilterParser.parse(text)
            #expect(parsed == expected, "\(text)")
        }
    }

    @Test func andBindsTighterThanOrAndParenthesesGroup() throws {
        let a = comparison("a", .equal, [.integer(1)])
        let b = comparison("b", .equal, [.integer(2)])
        let c = comparison("c", .equal, [.integer(3)])
        let plain = try FilterParser.parse("a=1 || b=2 && c=3")
        #expect(plain == .or([a, .and([b, c])]))
        let grouped = try FilterParser.parse("(a=1 or b=2) and not c=3")
        #expect(grouped == .and([.or([a, b]), .not(c)]))
        let negated = try FilterParser.parse("!(a=1)")
        #expect(negated == .not(a))
    }

    @Test func rejectsMalformedAndHostileInputWithPositions() {
        let cases: [(String, FilterSyntaxError.Code)] = [
            ("", .empty),
            ("   ", .empty),
            ("status = open", .unexpectedToken),
            ("status = 'open'; DROP TABLE tasks", .unexpectedCharacter),
            ("status = 'open' -- comment", .unexpectedCharacter),
            ("status = 'open' /* x */", .unexpectedCharacter),
            ("status = 'open", .unterminatedString),
            ("status = 'a' OR 1=1", .unexpectedToken),
            ("status", .unexpectedEnd),
            ("(status = 'a'", .unexpectedEnd),
            ("status = 'a')", .unexpectedToken),
            ("a.b.c = 1", .invalidPath),
            ("title like 'a\\'", .unterminatedString),
            ("title like 'a\\x'", .invalidPattern),
            ("title like 5", .invalidPattern),
            ("title ~ 5", .unexpectedToken),
            ("priority > null", .unexpectedToken),
            ("status in ()", .unexpectedToken),
            ("status in ('a', null)", .unexpectedToken),
            ("n = 1e999", .invalidNumber),
            ("ñame = 1", .unexpectedCharacter),
            ("name = 1 \u{0}", .unexpectedCharacter),
            (String(repeating: "(", count: 40) + "a=1" + String(repeating: ")", count: 40), .tooDeep),
            (String(repeating: "!", count: 40) + "a=1", .tooDeep),
            (Array(repeating: "a=1", count: 70).joined(separator: "&&"), .tooManyTerms),
            ("a in (" + Array(repeating: "1", count: 101).joined(separator: ",") + ")", .tooManyTerms),
            ("a = '" + String(repeating: "x", count: 5000) + "'", .tooLong),
        ]
        for (text, code) in cases {
            #expect(throws: FilterSyntaxError.self, "\(text.prefix(60))") { try FilterParser.parse(text) }
            do {
                _ = try FilterParser.parse(text)
            } catch {
                #expect(error.code == code, "\(text.prefix(60)): \(error.message)")
                #expect(error.message.count < 200)
            }
        }
    }

    @Test func unicodeInsideStringsIsData() throws {
        let parsed = try FilterParser.parse("title = '日本語 🚀 \"; DROP'")
        #expect(parsed == comparison("title", .equal, [.string("日本語 🚀 \"; DROP")]))
    }

    @Test func sortKeys() throws {
        let keys = try SortParser.parse("-priority,due_on:nullsfirst,+title")
        #expect(keys == [
            SortKey(field: "priority", descending: true),
            SortKey(field: "due_on", descending: false, nulls: .first),
            SortKey(field: "title", descending: false),
        ])
        #expect(keys[0].effectiveNulls == .first)
        #expect(keys[2].effectiveNulls == .last)
        for bad in ["", "a,", "-", "a:nulls", "a;b", "1a", Array(repeating: "a", count: 9).joined(separator: ",")] {
            #expect(throws: FilterSyntaxError.self, "\(bad)") { try SortParser.parse(bad) }
        }
    }

    @Test("a direction may be a suffix (priority:desc, name:asc), beside a place for nulls in either order, each once")
    func sortDirectionSuffixes() throws {
        #expect(try SortParser.parse("priority:desc,name:asc") == [
            SortKey(field: "priority", descending: true), SortKey(field: "name", descending: false),
        ])
        #expect(try SortParser.parse("due_on:desc:nullslast,a:nullsfirst:asc") == [
            SortKey(field: "due_on", descending: true, nulls: .last), SortKey(field: "a", descending: false, nulls: .first),
        ])
        for bad in ["a:desc:asc", "-a:desc", "+a:asc", "a:nullsfirst:nullslast", "a:DESC", "a:", "a:desc:", "a::desc"] {
            #expect(throws: FilterSyntaxError.self, "\(bad)") { try SortParser.parse(bad) }
        }
    }

    @Test("the JSON tree form parses to the expression the language gives, every operator included")
    func jsonTree() throws {
        let tree = #"{"and": [{"field": "status", "operator": "equals", "value": "open"}, {"or": [{"field": "priority", "operator": "greaterThan", "value": 2}, {"field": "project_id.name", "operator": "startsWith", "value": "W_%"}]}]}"#
        #expect(try FilterParser.parse(tree) == FilterParser.parse(#"status = 'open' && (priority > 2 || project_id.name like 'W\\_\\%%')"#))
        let cases: [(String, String, FilterExpression)] = [
            ("notEquals", #""value": 1"#, comparison("a", .notEqual, [.integer(1)])),
            ("greaterThanOrEqual", #""value": 1.5"#, comparison("a", .greaterOrEqual, [.number(1.5)])),
            ("lessThan", #""value": -1"#, comparison("a", .less, [.integer(-1)])),
            ("lessThanOrEqual", #""value": "x""#, comparison("a", .lessOrEqual, [.string("x")])),
            ("contains", #""value": "x""#, comparison("a", .contains, [.string("x")])),
            ("endsWith", #""value": "\\x""#, comparison("a", .like, [.string("%\\\\x")])),
            ("in", #""value": ["x", 2, true]"#, comparison("a", .isIn, [.string("x"), .integer(2), .bool(true)])),
            ("isNull", "", comparison("a", .isNull, [])),
            ("isNotNull", "", comparison("a", .isNotNull, [])),
            ("isEmpty", "", comparison("a", .isEmpty, [])),
            ("isTrue", "", comparison("a", .equal, [.bool(true)])),
            ("isFalse", "", comparison("a", .equal, [.bool(false)])),
        ]
        for (name, value, expected) in cases {
            let text = #"  {"or": [{"field": "a", "operator": "\#(name)"\#(value.isEmpty ? "" : ", " + value)}]}"#
            #expect(try FilterParser.parse(text) == .or([expected]), "\(name)")
        }
        #expect(JSONFilterParser.operators.count == cases.count + 3)
        // null means what it means in the language: `= null` is `is null`, `!= null` is `is not null`.
        #expect(try FilterParser.parse(#"{"and": [{"field": "a", "operator": "equals", "value": null}]}"#) == .and([comparison("a", .isNull, [])]))
        #expect(try FilterParser.parse(#"{"and": [{"field": "a", "operator": "notEquals", "value": null}]}"#) == .and([comparison("a", .isNotNull, [])]))
    }

    @Test("a malformed JSON tree is refused naming the member, within the language's limits")
    func jsonTreeRefusals() {
        let deep = String(repeating: #"{"and": ["#, count: 17) + #"{"field": "a", "operator": "isNull"}"# + String(repeating: "]}", count: 17)
        let many = #"{"or": ["# + Array(repeating: #"{"field": "a", "operator": "isNull"}"#, count: 65).joined(separator: ",") + "]}"
        let long = #"{"or": [{"field": "a", "operator": "in", "value": ["# + Array(repeating: "1", count: 101).joined(separator: ",") + "]}]}"
        for (text, fragment) in [
            ("{", "not valid JSON"), (#"{"and": []}"#, "filter.and"), (#"{"and": {}}"#, "filter.and"), (#"{"not": []}"#, "unknown member"),
            (#"{"field": "a b", "operator": "equals", "value": 1}"#, "filter.field"), (#"{"field": "a.b.c", "operator": "isNull"}"#, "filter.field"),
            (#"{"field": "a", "operator": "like", "value": "x"}"#, "unknown operator"), (#"{"field": "a", "operator": "equals"}"#, "needs a value"),
            (#"{"field": "a", "operator": "isNull", "value": 1}"#, "takes no value"), (#"{"field": "a", "operator": "contains", "value": 1}"#, "needs a string"),
            (#"{"field": "a", "operator": "equals", "value": [1]}"#, "needs a value"), (#"{"field": "a", "operator": "in", "value": []}"#, "non-empty array"),
            (#"{"field": "a", "operator": "greaterThan", "value": null}"#, "other than null"), (#"{"field": "a", "operator": "in", "value": [1, null]}"#, "use isNull"),
            (deep, "nest more than"), (many, "at most 64"), (long, "at most 100"),
        ] {
            do {
                _ = try FilterParser.parse(text)
                Issue.record("accepted: \(text.prefix(80))")
            } catch {
                #expect(error.message.contains(fragment), "\(text.prefix(80)): \(error.message)")
            }
        }
    }

    @Test("field:value is equality with the text after the colon, converted by the field's type as a query parameter's value is")
    func shorthand() throws {
        #expect(try FilterParser.parse("status:active") == comparison("status", .equal, [.parameter("active")]))
        #expect(try FilterParser.parse("priority:3") == comparison("priority", .equal, [.parameter("3")]))
        #expect(try FilterParser.parse("project_id.name:Web: relaunch") == comparison("project_id.name", .equal, [.parameter("Web: relaunch")]))
        #expect(try FilterParser.parse("name:") == comparison("name", .equal, [.parameter("")]))
        #expect(try FilterParser.parse("title = 'a:b'") == comparison("title", .equal, [.string("a:b")]))
        for bad in ["1a:b", "a b:c", ":x", "a.b.c:d"] {
            #expect(throws: FilterSyntaxError.self, "\(bad)") { try FilterParser.parse(bad) }
        }
    }
}
