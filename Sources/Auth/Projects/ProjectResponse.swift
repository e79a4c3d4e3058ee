import Foundation
import Runtime

/// A project inside an organization (Auctoritas): what organization-bound tokens and keys can
/// be narrowed to. Archiving it ends every credential bound to it at once.
struct ProjectResponse: JSONWritable {
    /// Select list matching `init(row:)`.
    static let columns = "id, organization_id, name, slug, description, created_at, updated_at, archived_at"

    let id: UUID
    let organizationID: UUID
    let name: String
    let slug: String
    let description: String?
    let createdAt: Date
    let updatedAt: Date
    let archivedAt: Date?

    /// A new project.
    init(id: UUID, organizationID: UUID, name: String, slug: String, description: String?, now: Date) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.slug = slug
        self.description = description
        self.createdAt = now
        self.updatedAt = now
        self.archivedAt = nil
    }

    /// Reads a row selected with `columns`.
    init(row: SQLRow) throws {
        var reader = RowReader(row)
        id = try reader.uuid()
        organizationID = try reader.uuid()
        name = try reader.string()
        slug = try reader.string()
        description = try reader.optionalString()
        createdAt = try reader.timestamp()
        updatedAt = try reader.timestamp()
        archivedAt = try reader.optionalTimestamp()
    }

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", id: id, .project)
        writer.member("organization_id", id: organizationID, .organization)
        writer.member("name", name)
        writer.member("slug", slug)
        writer.member("description", description)
        writer.member("created_at", createdAt)
        writer.member("updated_at", updatedAt)
        writer.member("archived_at", archivedAt)
        writer.endObject()
    }
}
