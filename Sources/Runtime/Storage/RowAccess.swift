import Foundation

/// Which rows of a table a caller may touch: the tenant columns (`"tenant"`) and the owner rule
/// (`"owner"`) of the schema, compiled into SQL conditions whose values are always binds.
///
/// Every statement on such a table carries `condition(...)`: `"organization_id" = ?` (and
/// `"project_id" = ?`) for the caller's tenant, and `("<owner>" = ? OR ?)` for the owner rule,
/// where the second bind is true when the caller holds the exception scope. The texts are
/// built once at start-up; per request only the bind values are read from the `Identity`.
public struct RowAccess: Sendable {
    /// The tenant level a tenant-scoped table's rows belong to.
    public enum Tenant: String, Sendable {
        /// `organization_id` from `Identity.organizationID`.
        case organization
        /// `organization_id` and `project_id` from `Identity.organizationID` and `Identity.projectID`.
        case project
    }

    /// The tenant level, or `nil` for a table shared by every tenant.
    public let tenant: Tenant?
    /// The owner column (unquoted), or `nil` without an owner rule.
    public let ownerColumn: String?
    /// The scope that lifts the owner rule.
    public let ownerExceptScope: String?

    /// Creates the access description of a table.
    public init(tenant: Tenant? = nil, ownerColumn: String? = nil, ownerExceptScope: String? = nil) {
        self.tenant = tenant
        self.ownerColumn = ownerColumn
        self.ownerExceptScope = ownerExceptScope
    }

    /// The columns the server fills on create, in insert order (after every other column).
    public var columns: [String] {
        var result: [String] = []
        if let tenant { result += tenant == .organization ? ["organization_id"] : ["organization_id", "project_id"] }
        if let ownerColumn { result.append(ownerColumn) }
        return result
    }

    /// How many binds `condition` takes.
    var bindCount: Int { (tenant == .project ? 2 : tenant == nil ? 0 : 1) + (ownerColumn == nil ? 0 : 2) }

    /// `"organization_id" = ? AND ("author_id" = ? OR ?)`, placeholders drawn from `placeholders`;
    /// `qualifier` prefixes the columns (`"t".`) where a statement needs it.
    func condition(_ placeholders: inout PlaceholderSequence, qualifier: String = "") -> String {
        var terms: [String] = []
        if tenant != nil { terms.append("\(qualifier)\"organization_id\" = \(placeholders.next())") }
        if tenant == .project { terms.append("\(qualifier)\"project_id\" = \(placeholders.next())") }
        if let ownerColumn {
            terms.append("(\(qualifier)\"\(ownerColumn)\" = \(placeholders.next()) OR \(placeholders.next()))")
        }
        return terms.joined(separator: " AND ")
    }

    /// The binds of `condition` for `identity`. A caller without the tenant binding or user the
    /// table needs binds NULL, which matches no row (used for related tables: expansions,
    /// relation filters, relation checks); the table's own routes refuse such callers first
    /// with `callerValues`.
    func binds(_ identity: Identity?) -> [SQLValue] {
        var binds: [SQLValue] = []
        if tenant != nil { binds.append(organizationValue(identity)) }
        if tenant == .project { binds.append(identity?.projectID.map(SQLValue.text) ?? .null) }
        if ownerColumn != nil {
            binds.append(identity?.userID.map(SQLValue.text) ?? .null)
            binds.append(.bool(ownerExceptScope.map { identity?.holds($0) ?? false } ?? false))
        }
        return binds
    }

    /// The organization the caller's rows are matched on: its organization, except for an end
    /// user on an organization-tenant table (NULL, which matches no row), so expansions,
    /// relation filters and relation checks never show an end user the organization's rows.
    func organizationValue(_ identity: Identity?) -> SQLValue {
        if tenant == .organization, identity?.isEndUser == true { return .null }
        return identity?.organizationID.map(SQLValue.text) ?? .null
    }

    /// 403 naming what `identity` lacks for the rows of `table` (a tenant binding, a user);
    /// the table's own routes and typed stores check it before any statement runs.
    func requireCaller(_ identity: Identity?, table: String) throws(APIError) {
        if tenant == .organization, identity?.isEndUser == true {
            throw APIError.forbidden(
                "The \(table) records belong to the organization; end users of a project reach only their project's records.")
        }
        if tenant != nil, identity?.organizationID == nil {
            throw APIError.forbidden(
                "The \(table) records belong to an organization: call with credentials bound to one "
                    + "(an organization access token or an organization API key).")
        }
        if tenant == .project, identity?.projectID == nil {
            throw APIError.forbidden(
                "The \(table) records belong to a project: call with credentials bound to a project of your organization.")
        }
        if ownerColumn != nil, identity?.userID == nil {
            throw APIError.forbidden("The \(table) records belong to users: call with credentials of a user (or a user's API key).")
        }
    }
}
