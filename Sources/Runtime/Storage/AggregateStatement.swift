/// The statement of `aggregate=` and how its one row is written as `aggregations`.
struct AggregateStatement: Sendable {
    /// What was asked for.
    let request: AggregateRequest
    /// `SELECT <figures> FROM <table> WHERE <the list's conditions>`, binds as the count's.
    let statement: SQLStatement

    /// `{"count": n, "sum": {...}, "avg": {...}, "min": {...}, "max": {...}}`, the members asked
    /// for, from the statement's row (figures over no rows are null).
    func write(_ rows: [SQLRow], to writer: inout JSONWriter) throws(RowDecodingError) {
        var reader = RowReader(rows.first ?? SQLRow(values: []))
        writer.beginObject()
        if request.count {
            writer.key("count")
            writer.value(rows.isEmpty ? 0 : try reader.integer())
        }
        var open: AggregateRequest.Function?
        for (function, column) in request.fields {
            if open != function {
                if open != nil { writer.endObject() }
                writer.key(function.rawValue)
                writer.beginObject()
                open = function
            }
            writer.key(column.name)
            if rows.isEmpty || reader.takeNull() {
                writer.null()
                continue
            }
            switch (function, column.rule.kind) {
            case (.min, .integer), (.max, .integer): writer.value(try reader.integer())
            case (.min, .date), (.max, .date): writer.value(try reader.string())
            case (.min, .datetime), (.max, .datetime): writer.value(try reader.timestamp())
            default: writer.value(try reader.number())
            }
        }
        if open != nil { writer.endObject() }
        writer.endObject()
    }
}

extension AggregateRequest {
    /// `SELECT COUNT(1), SUM(...), ...` in request order. Sums and averages are computed in
    /// floating point on both engines (no integer overflow; PostgreSQL's `numeric` would not
    /// decode); minimums and maximums keep the column's type. The count is `COUNT(1)`, never
    /// `COUNT(*)`: SQLite answers a lone `SELECT COUNT(*) FROM t` with one instruction that reads
    /// the whole table outside the read's step budget (what `ListStatements.countsWholeTable`
    /// guards for `total`); `COUNT(1)` steps through the rows like any other figure, so the budget
    /// bounds it.
    func selectList(_ dialect: SQLDialect) -> String {
        let double = dialect == .sqlite ? "REAL" : "DOUBLE PRECISION"
        var figures: [String] = count ? ["COUNT(1)"] : []
        for (function, column) in fields {
            switch function {
            case .sum: figures.append("SUM(CAST(\(column.column) AS \(double)))")
            case .avg: figures.append("AVG(CAST(\(column.column) AS \(double)))")
            case .min: figures.append("MIN(\(column.column))")
            case .max: figures.append("MAX(\(column.column))")
            }
        }
        return "SELECT " + figures.joined(separator: ", ")
    }
}
