/// The fields of one table a list request may filter and sort on, resolved once at start-up.
///
/// Holds the declared filter columns plus the primary key and timestamps, each with a rule
/// stripped of create-time constraints (length, bounds, pattern): a filter `priority > 9` is a
/// question, not an invalid write. Relation fields also carry the referenced table's columns.
struct QueryColumns: Sendable {
    /// A column usable in `filter` and `sort`.
    struct Column: Sendable {
        let name: String
        let column: String
        let rule: FieldRule
        /// Position in the select list, for reading cursor values back from rows.
        let selectIndex: Int
    }

    /// A relation field's target, for `relation.field` paths.
    struct Relation: Sendable {
        let name: String
        let table: String
        let primaryKeyColumn: String
        let columns: [String: Column]
        /// The target is a `softDelete` table: its deleted rows never satisfy a relation path.
        let softDelete: Bool
        /// The target's tenant and owner conditions.
        let access: RowAccess?
    }

    let table: String
    let primaryKey: Column
    let columns: [String: Column]
    /// The columns `sort=` accepts.
    let sortColumns: [String: Column]
    let relations: [String: Relation]

    init(_ descriptor: TableDescriptor, includeRelations: Bool = true) {
        func column(_ name: String, _ quoted: String, _ rule: FieldRule) -> Column {
            Column(name: name, column: quoted, rule: Self.relaxed(rule), selectIndex: descriptor.members.firstIndex(of: name) ?? 0)
        }
        let keyKind: FieldRule.Kind = descriptor.primaryKeyKind == .uuid ? .uuid : .relation(descriptor.primaryKeyKind)
        let keyColumn = descriptor.statements.primaryKeyColumn
        primaryKey = column(descriptor.primaryKeyName, keyColumn, FieldRule(descriptor.primaryKeyName, keyKind))
        var columns = [primaryKey.name: primaryKey]
        var sortColumns = columns
        for filter in descriptor.filters {
            let resolved = column(filter.name, filter.column, filter.rule)
            if filter.filterable { columns[filter.name] = resolved }
            if filter.sortable { sortColumns[filter.name] = resolved }
        }
        var serverOwned = descriptor.timestamps ? ["created_at", "updated_at"] : []
        if descriptor.softDelete { serverOwned.append("deleted_at") }
        for columnName in serverOwned {
            let name = descriptor.timestampName(columnName)
            let resolved = column(name, "\"\(columnName)\"", FieldRule(name, .datetime))
            columns[name] = resolved
            sortColumns[name] = resolved
        }
        self.sortColumns = sortColumns
        self.table = descriptor.statements.table
        self.columns = columns
        var relations: [String: Relation] = [:]
        if includeRelations {
            for check in descriptor.relations {
                guard let target = check.target?() else { continue }
                let related = QueryColumns(target, includeRelations: false)
                relations[descriptor.fields[check.fieldIndex].name] = Relation(
                    name: target.name, table: related.table, primaryKeyColumn: related.primaryKey.column, columns: related.columns,
                    softDelete: target.softDelete, access: target.access)
            }
        }
        self.relations = relations
    }

    /// The rule's kind without constraints that only make sense for stored values.
    private static func relaxed(_ rule: FieldRule) -> FieldRule {
        switch rule.kind {
        case .string: return FieldRule(rule.name, .string(pattern: nil))
        default: return FieldRule(rule.name, rule.kind)
        }
    }

    /// Names for error messages.
    var allowedNames: String { columns.keys.sorted().joined(separator: ", ") }
    /// Sortable names for error messages.
    var sortableNames: String { sortColumns.keys.sorted().joined(separator: ", ") }
}
