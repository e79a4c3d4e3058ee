import ValueFormats
extension SQLValue {
    /// A primary key as it appears in URLs and JSON, whether bound (`uuid`, `integer`) or read
    /// back from a driver (SQLite returns uuids as lowercase text).
    var keyText: String {
        switch self {
        case .uuid(let uuid): return ValueFormats.lowercaseText(of: uuid)
        case .integer(let integer): return String(integer)
        case .text(let text): return text
        default: return ""
        }
    }
}
