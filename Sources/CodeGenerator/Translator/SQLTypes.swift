import Foundation
import SchemaModel

/// Column types, literals and quoting per dialect.
enum SQLTypes {
    /// A double-quoted identifier (`"project_id"`); schema names are already restricted to
    /// `[a-z][a-z0-9_]*`, quoting keeps SQL keywords (`order`, `group`) usable as names.
    static func quote(_ identifier: String) -> String { "\"" + identifier + "\"" }

    /// The column type of a field.
    static func columnType(_ field: FieldSchema, referencedKey: PrimaryKeyType?, dialect: Dialect) -> String {
        switch (field.type, dialect) {
        case (.relation, _) where referencedKey == .prefixed: return "TEXT"
        case (.integer, .sqlite), (.boolean, .sqlite): return "INTEGER"
        case (.number, .sqlite): return "REAL"
        case (.relation, .sqlite): return referencedKey == .integer ? "INTEGER" : "TEXT"
        case (_, .sqlite): return "TEXT"
        case (.integer, .postgres): return "BIGINT"
        case (.number, .postgres): return "DOUBLE PRECISION"
        case (.boolean, .postgres): return "BOOLEAN"
        case (.datetime, .postgres): return "TIMESTAMPTZ"
        case (.date, .postgres): return "DATE"
        case (.uuid, .postgres): return "UUID"
        case (.json, .postgres): return "JSONB"
        case (.relation, .postgres): return referencedKey == .integer ? "BIGINT" : "UUID"
        case (_, .postgres): return "TEXT"
        }
    }

    /// A SQL literal for a default value (schema-authored, validated; still escaped).
    static func literal(_ value: JSONValue, type: FieldType, dialect: Dialect) -> String {
        switch value {
        case .null: return "NULL"
        case .bool(let bool):
            if dialect == .sqlite { return bool ? "1" : "0" }
            return bool ? "TRUE" : "FALSE"
        case .integer(let integer): return String(integer)
        case .number(let number): return String(number)
        case .string(let text):
            if type == .datetime, let normalized = TimestampText.normalize(text) { return quoteString(normalized) }
            if type == .uuid { return quoteString(text.lowercased()) }
            return quoteString(text)
        case .array, .object: return quoteString(CanonicalJSON.text(value))
        }
    }

    static func quoteString(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The placeholder at a 1-based position.
    static func placeholder(_ position: Int, _ dialect: Dialect) -> String {
        dialect == .sqlite ? "?" : "$\(position)"
    }
}

/// The two SQL dialects the generator renders.
enum Dialect: CaseIterable {
    case sqlite, postgres
}
