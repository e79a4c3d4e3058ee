import OpenAPIKit
import SchemaModel

/// Schemas of organization-bound tokens, projects, project keys and service tokens.
extension AuthSchemas {
    /// The binding and service members of a key in answers.
    var keyBindingResponseMembers: [FieldSchema] {
        [
            id(.organization, "organization_id", description: "Organization the key is bound to.", required: true, nullable: true),
            id(.project, "project_id", description: "Project the key is bound to.", required: true, nullable: true),
            FieldSchema(name: "service", type: .string, description: "Service name of a service token.", required: true, nullable: true),
            FieldSchema(name: "role", type: .string, description: "Role of a service token.", required: true, nullable: true),
        ]
    }

    /// `AuthProject` and its list.
    func organizationBindingSchemas() throws -> [(String, JSONSchema)] {
        [
            ("AuthProject", try object("A project inside an organization.", [
                id(.project, "id", description: "Project id.", required: true),
                id(.organization, "organization_id", description: "Its organization.", required: true),
                FieldSchema(name: "name", type: .string, description: "Display name.", required: true),
                FieldSchema(name: "slug", type: .string, description: "Short name, unique in the organization.", required: true),
                FieldSchema(name: "description", type: .string, description: "What the project is.", required: true, nullable: true),
                FieldSchema(name: "created_at", type: .datetime, description: "When it was created.", required: true),
                FieldSchema(name: "updated_at", type: .datetime, description: "When it last changed.", required: true),
                FieldSchema(name: "archived_at", type: .datetime, description: "When it was archived; its tokens and keys stopped working then.", required: true, nullable: true),
            ])),
            ("AuthProjectList", list("AuthProject", "The organization's live projects, by name.")),
        ]
    }
}
