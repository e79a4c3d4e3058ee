import Foundation
import Hummingbird

/// The table's envelopes (`envelopes` of its schema) applied to answers and write bodies.
extension TableHandlers {
    /// A single-record answer in the table's record envelope, with its `ETag`; `head` is the
    /// status and the operation's own fields (`Location`).
    func respond(_ head: (HTTPResponse.Status, HTTPFields), _ record: Record) -> Response {
        let (bytes, headers) = recordAnswer(head, record)
        return JSONResponse.make(status: head.0, bytes: bytes, headers: headers)
    }

    /// `respond`'s answer as an idempotency record keeps it.
    func keptAnswer(_ head: (HTTPResponse.Status, HTTPFields), _ record: Record) -> IdempotentAnswer {
        var (bytes, headers) = recordAnswer(head, record)
        headers[.contentType] = JSONResponse.contentType
        return IdempotentAnswer(status: head.0, fields: headers, body: bytes)
    }

    /// The body and fields of a single-record answer: the record in its envelope, `ETag` after
    /// the operation's own fields.
    private func recordAnswer(_ head: (HTTPResponse.Status, HTTPFields), _ record: Record) -> ([UInt8], HTTPFields) {
        let bytes = table.recordEnvelope.bytes { record.writeJSON(to: &$0) }
        var headers = head.1
        headers[.eTag] = EntityTag.make(bytes)
        return (bytes, headers)
    }

    /// The URL of `record` for `Location` (its `get` path).
    func location(of record: Record) -> String {
        let (prefix, suffix) = table.routes.location
        return prefix + record.primaryKeyText + suffix
    }

    /// A write body (create, replace, update, upsert) unwrapped from the request envelope and
    /// validated; errors name members by their path in the body sent (`fields.title`). A table
    /// that ignores server-owned members also drops those beside the wrap (the key and
    /// timestamps a nested record answer carries there), so a record read can be sent back as is.
    func validatedRequest(_ body: JSONInput, mode: InputValidator.Mode) throws(APIError) -> ValidatedObject {
        var body = body
        if !sql.ignoredMembers.isEmpty, let wrap = table.requestEnvelope.wrap, case .object(let members) = body, members[wrap] != nil {
            body = .object(members.filter { !sql.ignoredMembers.contains($0.key) })
        }
        let (members, prefix) = try table.requestEnvelope.unwrap(body)
        do {
            return try validated(members, mode: mode)
        } catch {
            guard !prefix.isEmpty else { throw error }
            var prefixed = error
            prefixed.fieldErrors = error.fieldErrors.map { .init(field: prefix + $0.field, message: $0.message) }
            throw prefixed
        }
    }

    /// The page of a list request in the table's list envelope: the records (each as the record
    /// writes itself), `expand`, and the paging members the envelope names.
    func page(
        _ results: [[SQLRow]], statements: ListStatements, query: ListQuery, selection: FieldSelection?
    ) throws -> [UInt8] {
        let rows = results[0].prefix(query.limit)
        let envelope = table.listEnvelope
        var writer = JSONWriter(capacity: 256 * max(rows.count, 1))
        writer.beginObject()
        writer.key(envelope.items)
        writer.beginArray()
        for row in rows {
            let record = try Record(row: row)
            if let selection { record.writeJSON(to: &writer, selecting: selection) } else { record.writeJSON(to: &writer) }
        }
        writer.endArray()
        if !statements.expansions.isEmpty {
            writer.key("expand")
            writer.beginObject()
            for (index, expansion) in statements.expansions.enumerated() {
                try expansion.write(results[1 + index], to: &writer)
            }
            writer.endObject()
        }
        if let aggregate = statements.aggregate {
            writer.key(AggregateRequest.answerMember)
            try aggregate.write(results[1 + statements.expansions.count], to: &writer)
        }
        var total: Int64?
        if statements.count != nil, let countRows = results.last {
            var reader = RowReader(countRows.first ?? SQLRow(values: [.integer(0)]))
            total = try reader.integer()
        }
        let hasNext = results[0].count > query.limit
        if let nest = envelope.nest {
            writer.key(nest)
            writer.beginObject()
        }
        for (member, name) in envelope.members {
            writer.key(name)
            switch member {
            case .total:
                if let total { writer.value(total) } else { writer.null() }
            case .limit:
                writer.value(query.limit)
            case .offset:
                writer.value(query.offset)
            case .page:
                if query.cursor == nil { writer.value(query.offset / query.limit + 1) } else { writer.null() }
            case .totalPages:
                if let total { writer.value((total + Int64(query.limit) - 1) / Int64(query.limit)) } else { writer.null() }
            case .hasNextPage:
                writer.value(hasNext)
            case .hasPreviousPage:
                writer.value(query.offset > 0 || query.cursor != nil)
            case .nextCursor:
                if hasNext, let last = rows.last {
                    writer.value(cursors.encode(statements.cursorIndexes.map { last.values[$0] }, sortText: query.sortText))
                } else {
                    writer.null()
                }
            }
        }
        if envelope.nest != nil { writer.endObject() }
        writer.endObject()
        return writer.bytes
    }
}

extension PrimaryKeyKind {
    /// The key of a new row the server makes (a UUID or a prefixed id); `.null` lets the
    /// database number an integer key.
    public var newKey: SQLValue {
        switch self {
        case .uuid: return .uuid(UUID())
        case .integer: return .null
        case .prefixed(let prefix): return .text(PrefixedKey.generate(prefix: prefix))
        }
    }
}
