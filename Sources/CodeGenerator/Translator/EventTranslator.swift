import SchemaModel

/// One custom event type's payload struct, rendered into `Generated/<App>/<App>+Events.swift`.
public struct EventRenderModel: Sendable, Hashable {
    /// The struct's name (`ProjectCopied`).
    public var typeName: String
    /// The declared type as a Swift literal.
    public var eventTypeLiteral: String
    /// Documentation comment lines.
    public var docLines: [String]
    /// The data's members (a fields payload); empty for a table payload.
    public var properties: [PropertyRenderModel]
    /// Value structs of nested objects (a fields payload).
    public var nested: [StructRenderModel]
    /// The record type of a table payload (`Tracker.Projects.Record`), or empty.
    public var recordType: String
    /// Whether the data is a table's record.
    public var isRecord: Bool
}

/// The render model of the `+Events.swift` file of an app with custom event types.
public struct EventsRenderModel: Sendable, Hashable {
    /// The app namespace.
    public var namespace: String
    /// The app's `app.json` (named in the header).
    public var sourceFile: String
    /// One struct per type, in declaration order.
    public var events: [EventRenderModel]
}

/// Translates `webhooks.events` into typed payload structs: a handler can only emit a declared
/// type, with the declared members.
enum EventTranslator {
    /// The structs of `webhooks`' custom events, or `nil` when it declares none.
    static func translate(_ webhooks: WebhooksConfig, app: AppConfig, namespace: String) -> EventsRenderModel? {
        guard !webhooks.events.isEmpty else { return nil }
        let events = webhooks.events.map { event -> EventRenderModel in
            let typeName = event.swiftName
            let docLines = SwiftNames.docLines("`\(event.type)`: \(event.description)\n\nData: \(event.payload.description)")
            if let table = event.payload.table {
                return EventRenderModel(
                    typeName: typeName, eventTypeLiteral: SwiftNames.literal(event.type), docLines: docLines, properties: [], nested: [],
                    recordType: "\(namespace).\(SwiftNames.pascalCase(table)).Record", isRecord: true)
            }
            let structs = StructTranslator.structs(named: typeName, fields: event.payload.fields, description: event.description, naming: app.fieldJSONNaming)
            return EventRenderModel(
                typeName: typeName, eventTypeLiteral: SwiftNames.literal(event.type), docLines: docLines, properties: structs[0].properties,
                nested: Array(structs.dropFirst()), recordType: "", isRecord: false)
        }
        return EventsRenderModel(namespace: namespace, sourceFile: app.file, events: events)
    }
}
