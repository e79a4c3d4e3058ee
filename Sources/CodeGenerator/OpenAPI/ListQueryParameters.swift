import APIContract
import OpenAPIKit
import QueryGrammar
import SchemaModel

/// The list query language (`filter`, `sort`, `cursor`, `count`) and the conditional-request
/// headers, documented exactly as `Runtime`'s `ListQuery`, `FilterParser` and `EntityTag` accept them.
enum ListQueryParameters {
    /// Component name of the `cursor` query parameter.
    static let cursorName = "Cursor"
    /// Component name of the `count` query parameter.
    static let countName = "Count"
    /// Component name of the `deleted` parameter of soft-delete tables' lists.
    static let deletedName = "Deleted"
    /// Component name of the `include_deleted` parameter of soft-delete tables' lists.
    static let includeDeletedName = "IncludeDeleted"

    /// `include_deleted` (in the app's naming) on lists of `softDelete` tables.
    static func includeDeleted(naming: JSONNaming) -> OpenAPI.Parameter {
        OpenAPI.Parameter(
            name: naming.name("include_deleted"),
            context: .query(required: false, schema: JSONSchema.boolean(JSONSchema.CoreContext(description: "Whether to list deleted records too."))),
            description: "`true` is `deleted=include`, `false` is `deleted=exclude`; not with `deleted`.")
    }
    /// Component name of the `If-Match` header parameter.
    static let ifMatchName = "IfMatch"
    /// Component name of the `If-None-Match` header parameter.
    static let ifNoneMatchName = "IfNoneMatch"
    /// Query parameter names the list route reserves; fields with these names cannot be filters.
    static let reserved: Set<String> = [
        "limit", "offset", "filter", "sort", "cursor", "count", "fields", "expand", "deleted", "include_deleted", "q", "aggregate",
    ]

    /// The grammar of `filter`, as shown in every list operation.
    static let filterGrammar = """
        A boolean expression over the fields listed below. Operators: `=` `!=` `>` `>=` `<` `<=`, \
        `~` (contains, ignoring case) and `!~` (does not contain), `like` / `ilike` (SQL patterns: `%` any run, \
        `_` one character, `\\` escapes), `in ('a', 'b')`, `is null`, `is not null`. Combine with `&&` / `and`, \
        `||` / `or`, `!` / `not` and parentheses; `&&` binds tighter than `||`. Values are quoted strings \
        ('text' or "text", `\\'` escapes a quote), numbers, `true`, `false`, `null`. A relation field followed \
        by `.` and a field of the related table filters on that table, e.g. `project_id.name ~ 'web'`. \
        Example: `(status = 'open' && priority > 2) || title ~ 'urgent'`. At most 4096 characters, \
        16 nesting levels, 64 comparisons and 100 values per `in` list. An unknown field or a malformed \
        expression is a 400 naming the problem.

        The same filter may be sent as a JSON tree (a filter starting with `{`): a group \
        `{"and": [...]}` or `{"or": [...]}` of groups and conditions `{"field", "operator", "value"}`, with the \
        operators \(JSONFilterParser.operators.map { "`\($0)`" }.joined(separator: ", ")) (`contains` ignores case; \
        `startsWith` and `endsWith` match the text as written; `in` takes an array; the last five take no value; \
        `equals`/`notEquals` null are `isNull`/`isNotNull`; `isEmpty` is null, or the empty text on a text field). \
        Example: `{"and": [{"field": "status", "operator": "equals", "value": "active"}, {"field": "priority", \
        "operator": "greaterThan", "value": 1}]}`. The shorthand `field:value` (no spaces before the colon) \
        is `field` equal to the text after the colon, converted by the field's type as the `field=value` parameter is.
        """

    /// `filter`, listing the table's filterable fields (and those reachable through relations).
    static func filter(_ table: TableSchema, app: AppSchema) -> OpenAPI.Parameter {
        let naming = app.config.fieldJSONNaming
        var description = filterGrammar + "\n\nFilterable fields: " + fieldNames(table, app: app.config).joined(separator: ", ") + "."
        let relations = table.fields.filter { $0.type == .relation }
        for relation in relations {
            guard let target = app.tables.first(where: { $0.name == relation.table }) else { continue }
            let name = naming.name(relation.name)
            description += " Through `\(name)`: " + fieldNames(target, app: app.config).map { "\(name).\($0)" }.joined(separator: ", ") + "."
        }
        return OpenAPI.Parameter(
            name: "filter", context: .query(required: false, schema: SchemaFactory.string("Filter expression.")),
            description: description)
    }

    /// `sort`, listing the table's sortable fields.
    static func sort(_ table: TableSchema, app: AppConfig) -> OpenAPI.Parameter {
        let name = { (column: String) in app.columnName(column, of: table) }
        let description = """
            Comma-separated fields, each optionally prefixed with `-` (descending) or `+` (ascending), or \
            suffixed with `:desc` or `:asc`, and suffixed with `:nullsfirst` or `:nullslast` (default: nulls sort \
            as the largest value). At most 8 keys; the primary key is always the final tiebreak so the order is \
            total. Examples: `-priority,due_on:nullsfirst`, `priority:desc,name:asc`. Sortable fields: \(sortableNames(table).map(name).joined(separator: ", ")).
            """
        let names = "(?:" + sortableNames(table).map(name).joined(separator: "|") + ")"
        let nulls = "(?::nullsfirst|:nullslast)?"
        let key = "(?:[-+]?\(names)\(nulls)|\(names)(?::asc|:desc)\(nulls)|\(names)(?::nullsfirst|:nullslast)(?::asc|:desc))"
        let schema = JSONSchema.string(
            JSONSchema.CoreContext(description: "Sort keys."),
            JSONSchema.StringContext(maxLength: 512, pattern: "^\(key)(?:,\(key)){0,\(SortParser.maxKeys - 1)}$"))
        return OpenAPI.Parameter(name: "sort", context: .query(required: false, schema: schema), description: description)
    }

    /// `cursor`: keyset pagination.
    static func cursor() -> OpenAPI.Parameter {
        OpenAPI.Parameter(
            name: "cursor", context: .query(required: false, schema: SchemaFactory.string("An opaque cursor.")),
            description: "The `next_cursor` of the previous page, sent with the same `sort` and `filter`. Continues after "
                + "the last row of that page, so rows inserted meanwhile never shift or repeat rows. Cannot be combined with `offset`.")
    }

    /// `fields`, listing the record's members.
    static func fields(_ table: TableSchema, app: AppConfig) -> OpenAPI.Parameter {
        let names = ([table.primaryKey.name] + table.fields.filter { !$0.writeOnly }.map(\.name) + (table.timestamps ? ["created_at", "updated_at"] : [])
            + (table.softDelete ? ["deleted_at"] : [])).map { app.columnName($0, of: table) }
        let member = "(?:" + names.joined(separator: "|") + ")"
        let schema = JSONSchema.string(
            JSONSchema.CoreContext(description: "Comma-separated member names."), JSONSchema.StringContext(pattern: "^\(member)(?:,\(member))*$"))
        return OpenAPI.Parameter(
            name: "fields", context: .query(required: false, schema: schema),
            description: "Return only these members of each record, e.g. `fields=\(names.prefix(2).joined(separator: ","))`. "
                + "Members: \(names.joined(separator: ", ")). An unknown name is a 400.")
    }

    /// `expand`, listing the table's relation fields.
    static func expand(_ table: TableSchema, app: AppSchema) -> OpenAPI.Parameter {
        let naming = app.config.fieldJSONNaming
        let relations = table.fields.filter { $0.type == .relation }.map { naming.name($0.name) }
        let referencing = TableTranslator.relations(to: table.name, in: app.tables)
        let counts = Dictionary(referencing.map { ($0.table.name, 1) }, uniquingKeysWith: +)
        let reverse = referencing.map { counts[$0.table.name, default: 0] > 1 ? "\($0.table.name).\(naming.name($0.field.name))" : $0.table.name }
        return OpenAPI.Parameter(
            name: "expand", context: .query(required: false, schema: SchemaFactory.string("Comma-separated relation paths.")),
            description: "A relation field side-loads the records it points at into `expand.<field>.<id>`, each once; "
                + "a referencing table lists its records pointing at each record of the page under `expand.<table>.<id>` "
                + "(an array in key order, at most 100 per record). Soft-deleted related records are left out. "
                + "A dotted path (`<relation>.<relation of the related table>`, up to 3 steps, e.g. `project_id.tasks`) "
                + "expands the relations of expanded records under `expand.<path>.<id>`, and also expands the path it extends; "
                + "at most 8 paths per request (counting the added ones); a longer path, more paths, an unknown relation or a repeated path "
                + "is a 400 naming `expand`. One statement per path whatever the page size, in the page's snapshot. Relation fields: "
                + (relations.isEmpty ? "none" : relations.joined(separator: ", ")) + ". Referencing tables: "
                + (reverse.isEmpty ? "none." : reverse.joined(separator: ", ") + "."))
    }

    /// The fields `aggregate=` takes, as `AggregateRequest` checks them against the table's
    /// filter columns: declared, filterable, not write-only; `sum`/`avg` integer and number
    /// fields, `min`/`max` date and datetime ones too.
    static func aggregatable(_ table: TableSchema, orderedOnly: Bool = false) -> [FieldSchema] {
        let numbers: Set<FieldType> = [.integer, .number]
        let ordered = numbers.union([.date, .datetime])
        return table.fields.filter { field in
            field.filterable && !field.writeOnly && (orderedOnly ? ordered : numbers).contains(field.type)
        }
    }

    /// The most fields `aggregate=` may name (`AggregateRequest.maxFields`; a test holds them equal).
    static let maxAggregateFields = 20

    /// `aggregate`: figures over every matching record (`AggregateRequest`).
    static func aggregate(_ table: TableSchema, naming: JSONNaming) -> OpenAPI.Parameter {
        let numbers = aggregatable(table).map { naming.name($0.name) }
        let ordered = aggregatable(table, orderedOnly: true).map { naming.name($0.name) }
        let example = numbers.first.map { #"{"count": true, "sum": [""# + $0 + #""]}"# } ?? #"{"count": true}"#
        var context = OpenAPI.Parameter.SchemaContext(SchemaFactory.string("A JSON object of figures to compute."), style: .form)
        context.example = AnyCodable(example)
        return OpenAPI.Parameter(
            name: "aggregate", context: .query(required: false, schemaOrContent: .a(context)),
            description: "Figures over every record the list's conditions match (filters, search, deleted records as asked, "
                + "what the caller may read), not only the page, answered in `aggregations`: a JSON object with `count` "
                + "(true or false) and `sum`, `avg`, `min`, `max` (arrays of field names), e.g. `\(example)`. Sums and averages "
                + "are numbers; over no records `count` is 0 and the others are null. At most \(Self.maxAggregateFields) fields; an unknown member, "
                + "field or a field of the wrong type is a 400 naming `aggregate`. `sum` and `avg` take: "
                + (numbers.isEmpty ? "no field of this table" : numbers.joined(separator: ", ")) + ". `min` and `max` take: "
                + (ordered.isEmpty ? "no field of this table" : ordered.joined(separator: ", ")) + ".")
    }

    /// `count`: whether to compute `total`.
    static func count() -> OpenAPI.Parameter {
        let schema = JSONSchema.string(
            JSONSchema.CoreContext(allowedValues: ["exact", "none"], defaultValue: "exact"), JSONSchema.StringContext())
        return OpenAPI.Parameter(
            name: "count", context: .query(required: false, schema: schema),
            description: "`exact` counts every matching record into `total`; `none` skips the count (`total` is null), which is cheaper on large tables.")
    }

    /// `If-Match` on writes.
    static func ifMatch() -> OpenAPI.Parameter {
        OpenAPI.Parameter(
            name: "If-Match", context: .header(required: false, schema: SchemaFactory.string("Entity tags or `*`.")),
            description: "Apply the change only if the record's current `ETag` is listed (strong comparison); otherwise 412.")
    }

    /// `If-None-Match` on reads.
    static func ifNoneMatch() -> OpenAPI.Parameter {
        OpenAPI.Parameter(
            name: "If-None-Match", context: .header(required: false, schema: SchemaFactory.string("Entity tags or `*`.")),
            description: "Answer 304 without a body if the record's current `ETag` is listed (weak comparison).")
    }

    /// The `ETag` response header.
    static func entityTagHeader() -> (String, OpenAPI.Header) {
        ("ETag", OpenAPI.Header(
            schema: SchemaFactory.string("A strong entity tag."),
            description: "Version of the record; send it in If-Match or If-None-Match.", required: true))
    }

    /// Fields usable in `filter` and `sort`: the key, declared scalar fields, timestamps.
    static func fieldNames(_ table: TableSchema, app: AppConfig) -> [String] {
        ([table.primaryKey.name] + TableOperations.filterableFields(of: table).map(\.name)
            + (table.timestamps ? ["created_at", "updated_at"] : []) + (table.softDelete ? ["deleted_at"] : [])).map { app.columnName($0, of: table) }
    }

    /// One of the table's `listParameters`: its value has the compared field's type, without
    /// the field's create-time constraints.
    static func listParameter(_ parameter: ListParameterSchema, table: TableSchema, fields: FieldSchemaBuilder) throws -> OpenAPI.Parameter {
        let schema: JSONSchema
        if parameter.field == table.primaryKey.name {
            schema = SchemaFactory.primaryKey(table.primaryKey, description: parameter.description, readOnly: false)
        } else if let field = table.fields.first(where: { $0.name == parameter.field }) {
            var plain = FieldSchema(name: field.name, type: field.type, description: parameter.description)
            plain.values = field.values
            plain.table = field.table
            schema = try fields.schema(for: plain, usage: .filter)
        } else {
            schema = SchemaFactory.string(parameter.description, format: .dateTime)
        }
        let comparison: String
        switch parameter.compare {
        case .eq: comparison = "equals"
        case .ne: comparison = "differs from"
        case .gt: comparison = "is after (greater than)"
        case .gte: comparison = "is at or after (at least)"
        case .lt: comparison = "is before (less than)"
        case .lte: comparison = "is at or before (at most)"
        }
        let name = fields.context.config.columnName(parameter.field, of: table)
        return OpenAPI.Parameter(
            name: parameter.name, context: .query(required: false, schema: schema),
            description: parameter.description + " (Only records whose `\(name)` \(comparison) this value.)")
    }

    /// `q` on lists of tables with `searchable` fields.
    static func search(_ table: TableSchema) -> OpenAPI.Parameter? {
        let fields = table.fields.filter(\.searchable).map(\.name)
        guard !fields.isEmpty else { return nil }
        return OpenAPI.Parameter(
            name: "q", context: .query(required: false, schema: SchemaFactory.string("Words to search for.")),
            description: "Full-text search: only records whose \(fields.joined(separator: " or ")) contain every word "
                + "(whole words, ignoring case; SQLite FTS5, PostgreSQL `websearch_to_tsquery`). At most 256 characters and 16 words. "
                + "Combines with `filter`.")
    }

    /// Fields usable in `sort`: the key, declared scalar fields not marked `sortable: false`, server timestamps.
    static func sortableNames(_ table: TableSchema) -> [String] {
        let fields = table.fields.filter { ![.text, .json, .array, .object].contains($0.type) && !$0.writeOnly && $0.sortable }
        return [table.primaryKey.name] + fields.map(\.name)
            + (table.timestamps ? ["created_at", "updated_at"] : []) + (table.softDelete ? ["deleted_at"] : [])
    }

    /// `deleted` on lists of `softDelete` tables.
    static func deleted() -> OpenAPI.Parameter {
        let schema = JSONSchema.string(
            JSONSchema.CoreContext(allowedValues: ["exclude", "include", "only"], defaultValue: "exclude"), JSONSchema.StringContext())
        return OpenAPI.Parameter(
            name: "deleted", context: .query(required: false, schema: schema),
            description: "Deleted records (`deleted_at` set) are hidden by default; `include` lists them too, `only` lists just them.")
    }
}
