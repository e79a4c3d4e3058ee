import APIContract
import Hummingbird
import Runtime

/// Which handler serves each auth operation. The switch is exhaustive: an operation the
/// contract declares cannot go without a handler, and no handler exists for an undeclared one.
extension AuthRoutes {
    /// The handler of `operation`.
    func handler(for operation: AuthOperation) -> RouteRegistry.Handler {
        switch operation {
        case .signup: return { request, context in try await signup(request, context, as: bodies.signup) }
        case .register: return { request, context in try await signup(request, context, as: bodies.register) }
        case .login: return { request, context in try await login(request, context) }
        case .refresh: return { request, context in try await refresh(request, context) }
        case .logout: return { _, context in try await logout(context) }
        case .identity: return { _, context in try identity(context) }
        case .currentSession: return { _, context in try await currentSession(context) }
        case .csrfToken: return { _, context in try csrfToken(context) }
        case .exchangeAPIKey: return { request, context in try await exchangeAPIKey(request, context) }
        case .getProfile: return { _, context in try await me(context) }
        case .updateProfile: return { request, context in try await updateMe(request, context) }
        case .changePassword: return { request, context in try await changePassword(request, context) }
        case .forgotPassword: return { request, context in try await forgotPassword(request, context) }
        case .resetPassword: return { request, context in try await resetPassword(request, context) }
        case .requestEmailVerification: return { request, context in try await requestEmailVerification(request, context) }
        case .verifyEmail: return { request, context in try await verifyEmail(request, context) }
        case .listSessions: return { _, context in try await listSessions(context) }
        case .createSession: return { request, context in try await createSession(request, context) }
        case .revokeOtherSessions: return { _, context in try await revokeOtherSessions(context) }
        case .extendSession: return { request, context in try await extendSession(request, context) }
        case .revokeSession: return { _, context in try await revokeSession(context) }
        case .createOrganization: return { request, context in try await createOrganization(request, context) }
        case .listOrganizations: return { _, context in try await listOrganizations(context) }
        case .getOrganization: return { _, context in try await getOrganization(context) }
        case .renameOrganization: return { request, context in try await renameOrganization(request, context) }
        case .listMembers: return { _, context in try await listMembers(context) }
        case .changeMemberRole: return { request, context in try await changeMemberRole(request, context) }
        case .removeMember: return { _, context in try await removeMember(context) }
        case .invite: return { request, context in try await invite(request, context) }
        case .listInvitations: return { _, context in try await listInvitations(context) }
        case .revokeInvitation: return { _, context in try await revokeInvitation(context) }
        case .acceptInvitation: return { request, context in try await acceptInvitation(request, context) }
        case .joinOrganization: return { request, context in try await joinOrganization(request, context) }
        case .oauthStart: return { request, context in try await startOAuth(request, context) }
        case .oauthCallback: return { request, context in try await finishOAuth(request, context) }
        case .organizationTokens: return { request, context in try await organizationTokens(request, context) }
        case .createProject: return { request, context in try await createProject(request, context) }
        case .listProjects: return { _, context in try await listProjects(context) }
        case .getProject: return { _, context in try await getProject(context) }
        case .archiveProject: return { _, context in try await archiveProject(context) }
        case .listProjectKeys: return { _, context in try await listProjectKeys(context) }
        case .rotateProjectKey: return { request, context in try await rotateProjectKey(request, context) }
        case .listAPIKeys: return { request, context in try await listAPIKeys(request, context) }
        case .createAPIKey: return { request, context in try await createAPIKey(request, context) }
        case .getAPIKey: return { _, context in try await getAPIKey(context) }
        case .updateAPIKey: return { request, context in try await updateAPIKey(request, context) }
        case .replaceAPIKey: return { request, context in try await replaceAPIKey(request, context) }
        case .revokeAPIKey: return { _, context in try await revokeAPIKey(context) }
        case .rotateAPIKey: return { request, context in try await rotateAPIKey(request, context) }
        case .listAccounts: return { request, context in try await listAccounts(request, context) }
        case .getAccount: return { _, context in try await getAccount(context) }
        case .changeAccountRole: return { request, context in try await changeAccountRole(request, context) }
        case .banAccount: return { _, context in try await banAccount(context) }
        case .unbanAccount: return { _, context in try await unbanAccount(context) }
        }
    }
}
