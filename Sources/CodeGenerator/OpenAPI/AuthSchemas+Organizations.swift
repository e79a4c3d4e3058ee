import OpenAPIKit
import SchemaModel

/// Schemas of organization-bound tokens, projects, project keys and service tokens.
extension AuthSchemas {
    /// Request bodies of the organization token and project routes; the runtime's `AuthBodies` holds the same members.
    var organizationBindingBodies: [(String, [FieldSchema])] {
        var bodies: [(String, [FieldSchema])] = [
            ("AuthOrganizationTokensRequest", [
                FieldSchema(name: "project_id", type: .uuid, description: "Narrow the session to this live project of the organization (`prj`).", nullable: true),
            ]),
            ("AuthProjectCreate", [
                FieldSchema(name: "name", type: .string, description: "Display name.", required: true, minLength: 1, maxLength: 200),
                FieldSchema(name: "slug", type: .string, description: "Short name, unique in the organization: lowercase letters, digits and -.", required: true, pattern: "[a-z0-9][a-z0-9-]{1,62}"),
                FieldSchema(name: "description", type: .string, description: "What the project is.", nullable: true, maxLength: 1000),
            ]),
        ]
        if let apiKeys = auth.apiKeys {
            let scope = FieldSchema(name: "scopes", type: .string, description: "A scope the caller's organization role grants.", minLength: 1, maxLength: 100)
            bodies.append(("AuthProjectKeyRotate", [
                FieldSchema(name: "environment", type: .enum, description: "The environment whose key is rotated; it decides the prefix.", required: true, values: apiKeys.prefixes.map(\.environment)),
                FieldSchema(name: "scopes", type: .array, description: "What the key may do; default none.", nullable: true, maxLength: 50, items: scope),
            ]))
        }
        return bodies
    }

    /// The binding and service members `POST /api-keys` accepts besides name, environment and scopes.
    var keyBindingMembers: [FieldSchema] {
        [
            FieldSchema(name: "organization_id", type: .uuid, description: "Bind the key to this organization (404 unless a member); its scopes stay within your organization role, and it dies when you leave. Default: the binding of your token.", nullable: true),
            FieldSchema(name: "project_id", type: .uuid, description: "Also bind it to this live project; it dies when the project is archived.", nullable: true),
            FieldSchema(name: "service", type: .string, description: "Make a service token for this service (`kind: service`, subject = the service name).", nullable: true, pattern: "[a-z0-9][a-z0-9_-]{0,62}"),
            FieldSchema(name: "role", type: .string, description: "Role of a service token: one of `auth.roles` (or `auth.organizationRoles` when bound); its scopes never exceed the role's nor yours.", nullable: true, minLength: 1, maxLength: 100),
        ]
    }

    /// The binding and service members of a key in answers.
    var keyBindingResponseMembers: [FieldSchema] {
        [
            FieldSchema(name: "organization_id", type: .uuid, description: "Organization the key is bound to.", required: true, nullable: true),
            FieldSchema(name: "project_id", type: .uuid, description: "Project the key is bound to.", required: true, nullable: true),
            FieldSchema(name: "service", type: .string, description: "Service name of a service token.", required: true, nullable: true),
            FieldSchema(name: "role", type: .string, description: "Role of a service token.", required: true, nullable: true),
        ]
    }

    /// `AuthProject` and its list.
    func organizationBindingSchemas() throws -> [(String, JSONSchema)] {
        [
            ("AuthProject", try object("A project inside an organization.", [
                FieldSchema(name: "id", type: .uuid, description: "Project id.", required: true),
                FieldSchema(name: "organization_id", type: .uuid, description: "Its organization.", required: true),
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
