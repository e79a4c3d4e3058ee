/// Every operation of the platform family (`auth.platformAdmins`), served under
/// `basePath + auth.platformAdmins.path`. The raw value is the `operationId`.
public enum PlatformOperation: String, ContractOperation {
    case login = "platformLogin"
    case refresh = "platformRefresh"
    case logout = "platformLogout"
    case getMe = "platformGetMe"
    case updateMe = "platformUpdateMe"
    case createAdmin = "platformCreateAdmin"
    case deactivateAdmin = "platformDeactivateAdmin"
    case listOrganizations = "platformListOrganizations"
    case getOrganization = "platformGetOrganization"
    case impersonate = "platformImpersonate"
    case listEndUsers = "platformListEndUsers"
    case banEndUser = "platformBanEndUser"
    case unbanEndUser = "platformUnbanEndUser"
}
