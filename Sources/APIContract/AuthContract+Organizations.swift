/// Organizations, their members and invitations.
extension AuthContract {
    /// The organization routes.
    var organizationRoutes: [ContractRoute<AuthOperation>] {
        [
            route(
                .createOrganization, .post, "/organizations", summary: "Create an organization",
                description: "The caller becomes its owner. 409 when the slug is taken.", request: bodies.createOrganization,
                responses: Self.json(201, "AuthOrganization").map { $0.linking(Self.organizationOperations) }, errors: [.conflict, .validationError]),
            route(
                .listOrganizations, .get, "/organizations", summary: "List my organizations",
                description: "The caller's organizations with the caller's role in each.", responses: Self.json(200, "AuthOrganizationList")),
            route(
                .getOrganization, .get, "/organizations/{id}", summary: "Get an organization",
                description: "For members; anyone else gets 404.", responses: Self.json(200, "AuthOrganization"), errors: [.notFound]),
            route(
                .renameOrganization, .patch, "/organizations/{id}", summary: "Rename an organization",
                description: "Needs the `organization:update` ability of the caller's organization role (owners always have it; 403 otherwise).",
                request: bodies.renameOrganization, responses: Self.json(200, "AuthOrganization"), errors: [.notFound, .validationError]),
            route(
                .listMembers, .get, "/organizations/{id}/members", summary: "List members", description: "Every member with their role.",
                responses: Self.json(200, "AuthMemberList"), errors: [.notFound]),
            route(
                .changeMemberRole, .put, "/organizations/{id}/members/{user_id}/role", summary: "Change a member's role",
                description: "Owners only. 409 when it would leave the organization without an owner.", request: bodies.changeMemberRole,
                responses: Self.done(), errors: [.notFound, .conflict, .validationError]),
            route(
                .removeMember, .delete, "/organizations/{id}/members/{user_id}", summary: "Remove a member",
                description: "Needs `organization:members` to remove another member (only owners remove owners); anyone may leave. "
                    + "409 for the last owner.",
                responses: Self.done(), errors: [.notFound, .conflict]),
            route(
                .invite, .post, "/organizations/{id}/invitations", summary: "Invite someone",
                description: "Needs `organization:invite` (only owners invite owners). The single-use token (7 days) goes to the "
                    + "address by mail (502 when the mail cannot be sent).",
                request: bodies.invite, responses: Self.json(201, "AuthInvitation"), errors: [.notFound, .validationError, .badGateway, .tooManyRequests]),
            route(
                .listInvitations, .get, "/organizations/{id}/invitations", summary: "List pending invitations",
                description: "Needs `organization:invite`.", responses: Self.json(200, "AuthInvitationList"), errors: [.notFound]),
            route(
                .revokeInvitation, .delete, "/organizations/{id}/invitations/{invitation_id}", summary: "Revoke an invitation",
                description: "Needs `organization:invite`; its token stops working.", responses: Self.done(), errors: [.notFound]),
            route(
                .acceptInvitation, .post, "/invitations/accept", summary: "Accept an invitation",
                description: "The caller, signed in with the invited address (403 otherwise), joins with the invited role. "
                    + "An invalid, expired, revoked or used token is 422 naming `token`; 409 when already a member.",
                request: bodies.acceptInvitation, responses: Self.json(200, "AuthOrganization"), errors: [.conflict, .validationError]),
        ] + joinRoutes
    }

    /// Joining by invitation without an account, only where the app declares the route
    /// (`auth.routes.joinOrganization`): it lets whoever holds the mailed token create the
    /// invited address's account, which an app chooses knowingly.
    var joinRoutes: [ContractRoute<AuthOperation>] {
        guard options.layout.routes[AuthOperation.joinOrganization.routeKey] != nil else { return [] }
        return [
            route(
                .joinOrganization, .post, "/organizations/{id}/invitations/join", summary: "Join by invitation with a new account",
                description: "No sign-in: the invitation token creates the invited address's account (verified: the token came by "
                    + "mail to it) with `name` and `password`, makes it a member with the invited role and starts a session "
                    + "bound to the organization. An invalid, expired or revoked token, or one of another organization, is 422 "
                    + "naming `token`; 409 when the address already has an account (it signs in and accepts instead), which "
                    + "is also the answer to a token used already. 404 when the path names no organization.",
                request: bodies.joinOrganization, responses: sessionStarted(201), credentials: .none,
                errors: [.notFound, .conflict, .validationError]),
        ]
    }

    /// Organization-bound tokens, projects and (when the app issues keys) project keys.
    var organizationBindingRoutes: [ContractRoute<AuthOperation>] {
        var routes = [
            route(
                .organizationTokens, .post, "/organizations/{id}/tokens", summary: "Get tokens bound to an organization",
                description: "Starts a new session bound to the organization (and, with `project_id`, to one of its live "
                    + "projects). Its access tokens carry `org` (and `prj`) and hold the scopes of the caller's current "
                    + "organization role; they stop working as soon as the membership ends or the project is archived. "
                    + "404 for a non-member; 403 for credentials bound to another organization; 422 naming `project_id` "
                    + "for a project that is not live in the organization.",
                request: bodies.organizationTokens, requestOptional: true, responses: sessionStarted(201),
                errors: [.notFound, .validationError]),
            route(
                .createProject, .post, "/organizations/{id}/projects", summary: "Create a project",
                description: "Needs the `organization:projects` ability (owners always have it). 409 when the slug is taken in the organization.",
                request: bodies.createProject,
                responses: Self.json(201, "AuthProject").map { $0.linking(Self.projectOperations, fills: Self.projectFills) },
                errors: [.notFound, .conflict, .validationError]),
            route(
                .listProjects, .get, "/organizations/{id}/projects", summary: "List projects",
                description: "The organization's projects that are not archived, by name; for members.",
                responses: Self.json(200, "AuthProjectList"), errors: [.notFound]),
            route(
                .getProject, .get, "/organizations/{id}/projects/{project_id}", summary: "Get a project",
                description: "For members; archived projects too (with `archived_at`).", responses: Self.json(200, "AuthProject"),
                errors: [.notFound]),
            route(
                .archiveProject, .delete, "/organizations/{id}/projects/{project_id}", summary: "Archive a project",
                description: "Needs `organization:projects`. Every token and API key bound to the project stops working at once.",
                responses: Self.done(), errors: [.notFound]),
        ]
        if options.apiKeys != nil {
            routes += [
                route(
                    .listProjectKeys, .get, "/organizations/{id}/projects/{project_id}/keys", summary: "List a project's API keys",
                    description: "The live keys bound to the project (prefix and last four only); for members.",
                    responses: Self.json(200, "AuthAPIKeyList"), errors: [.notFound]),
                route(
                    .rotateProjectKey, .post, "/organizations/{id}/projects/{project_id}/keys", summary: "Rotate a project's API key",
                    description: "Needs `organization:projects`. Issues the project's key for `environment` (shown once); the "
                        + "project's previous key for that environment stops working at once. Its scopes stay within the caller's "
                        + "organization role (403).",
                    request: bodies.rotateProjectKey, responses: Self.json(201, Self.apiKeySchema), errors: [.notFound, .validationError]),
            ]
        }
        return routes
    }

    /// The operations on one organization, which a created organization links to.
    static let organizationOperations = [AuthOperation.getOrganization, .renameOrganization].map(\.rawValue)
    /// The operations on one project, which a created project links to.
    static let projectOperations = [AuthOperation.getProject, .archiveProject].map(\.rawValue)
    /// A project's path names its organization (`id`) and itself (`project_id`).
    static let projectFills = [
        ContractLink.Fill(parameter: "id", member: "organization_id"), ContractLink.Fill(parameter: "project_id", member: "id"),
    ]
}
