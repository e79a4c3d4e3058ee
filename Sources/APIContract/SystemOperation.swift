/// Every operation of the system family: the routes every Loom server has whatever its schema,
/// at the root (not under the base path). The raw value is the `operationId`.
public enum SystemOperation: String, ContractOperation {
    case health = "health"
    case healthLive = "healthLive"
    case healthReady = "healthReady"
    case openAPIDocument = "openapiDocument"
    case docs = "docs"
    case adminConsole = "adminConsole"
    case adminConsoleScript = "adminConsoleScript"
    case adminConsoleStyle = "adminConsoleStyle"
    case tableCatalog = "listTables"
}
