import OpenAPIKit
import SchemaModel

/// `POST /<table>/{id}/restore`, documented as `TableHandlers.restore` serves it: present on
/// `softDelete` tables that expose `delete`.
struct RestoreRoute {
    /// The table.
    let table: TableSchema
    /// App-wide facts.
    let context: DocumentContext

    /// The route, or `nil` when records of the table cannot be soft-deleted.
    func route() -> DocumentedRoute? {
        guard table.softDelete, table.operations.contains(.delete) else { return nil }
        let schemas = TableSchemas(table: table, fields: FieldSchemaBuilder(context: context, table: table))
        let record = schemas.singleRecord(SchemaFactory.reference(OpenAPINames.record(table)))
        let id = OpenAPI.Parameter(
            name: "id", context: .path(schema: SchemaFactory.primaryKey(table.primaryKey, description: "The record's \(table.primaryKey.name).", readOnly: false)))
        let operation = OpenAPI.Operation(
            tags: [table.name],
            summary: "Restore a deleted \(table.name) record",
            description: "Clears `deleted_at`, so the record is live again (reads, writes and lists see it). "
                + "Restoring a live record changes nothing and answers the same; an id that names no record is a 404.",
            operationId: OpenAPINames.operationID(.restore, table: table),
            parameters: [.parameter(id)],
            responses: ResponseFactory.map(
                statuses: context.errorStatuses,
                success: [(200, ResponseFactory.json("The live record.", schema: record, extraHeaders: [ListQueryParameters.entityTagHeader()]))],
                errors: [.notFound, .internalError, .serviceUnavailable]))
        return DocumentedRoute(path: "", method: .post, operation: operation, file: table.file)
    }
}
