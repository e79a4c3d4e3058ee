/// What one read connection (`SQLiteReadConnection`) remembers of recent list reads for as long
/// as the database is unchanged: the sort keys of rows at known offsets, per ordered row set
/// (`PageSeek.shape`), and the totals counted (`PageRead.total`). `databaseVersion(_:)` forgets
/// everything when `PRAGMA data_version` moved (any commit by another connection: a write of
/// this server or of any other process).
///
/// Nothing is an estimate: within one unchanged database the rows of a shape are one fixed
/// sequence, its order is total (the primary key breaks ties), so the row at offset `n` is the
/// first row at or after its sort keys, and the page at offset `m >= n` is `m - n` rows further
/// (`PageSeek.statements`); a `COUNT(*)` counts the same rows again.
///
/// Bounded: at most `maximumShapes` shapes of `maximumPositions` offsets each (keys of at most
/// `maximumKeyBytes` of text), and `maximumTotals` totals; past a bound, that shape's (or
/// every) entry is dropped and remembered again as lists are read.
struct SQLiteListMemory {
    static let maximumShapes = 32
    static let maximumPositions = 2_048
    static let maximumTotals = 256
    /// Longest text of one remembered key (all its values together, in UTF-8 bytes): a row
    /// sorted by a long text is not remembered, so memory stays about 32 × 2,048 keys of at
    /// most this size per connection.
    static let maximumKeyBytes = 128

    private struct Positions {
        /// Remembered offsets, ascending.
        var offsets: [Int] = []
        var keys: [Int: [SQLValue]] = [:]
    }

    private var version: SQLValue = .null
    private var shapes: [SQLStatement: Positions] = [:]
    private var totals: [SQLStatement: [SQLRow]] = [:]

    /// Forgets every position unless `version` (`PRAGMA data_version` read in the current
    /// transaction) is the one they were remembered under.
    mutating func databaseVersion(_ version: SQLValue) {
        guard version != self.version else { return }
        self.version = version
        shapes.removeAll(keepingCapacity: true)
        totals.removeAll(keepingCapacity: true)
    }

    /// Forgets the positions of `shape`.
    mutating func forget(_ shape: SQLStatement) {
        shapes[shape] = nil
    }

    /// The rows `count` (a list's `COUNT(*)`) returned under the current version, if it ran.
    func total(_ count: SQLStatement) -> [SQLRow]? {
        totals[count]
    }

    /// Remembers the rows `count` returned under the current version.
    mutating func remember(total rows: [SQLRow], of count: SQLStatement) {
        if totals[count] == nil, totals.count >= Self.maximumTotals { totals.removeAll(keepingCapacity: true) }
        totals[count] = rows
    }

    /// The remembered position of `shape` nearest at or before `offset`, when one lies past the
    /// first row (starting at the first row is what the plain statement does).
    func nearest(in shape: SQLStatement, atMost offset: Int) -> (offset: Int, key: [SQLValue])? {
        guard let positions = shapes[shape] else { return nil }
        // The remembered offset before the first one greater than `offset`.
        let after = Self.firstIndex(after: offset, in: positions.offsets)
        guard after > 0 else { return nil }
        let found = positions.offsets[after - 1]
        guard found > 0, let key = positions.keys[found] else { return nil }
        return (found, key)
    }

    /// Remembers where `page`, read for `seek`, began and, when it holds the look-ahead row, where
    /// that row lies (the next page's first row).
    mutating func remember(_ page: [SQLRow], of seek: PageSeek) {
        guard let first = page.first else { return }
        if shapes[seek.shape] == nil, shapes.count >= Self.maximumShapes { shapes.removeAll(keepingCapacity: true) }
        var positions = shapes.removeValue(forKey: seek.shape) ?? Positions()
        if positions.offsets.count + 2 > Self.maximumPositions { positions = Positions() }
        Self.insert(seek.offset, seek.key(of: first), into: &positions)
        if page.count == seek.fetched, let last = page.last {
            Self.insert(seek.offset + seek.fetched - 1, seek.key(of: last), into: &positions)
        }
        shapes[seek.shape] = positions
    }

    private static func insert(_ offset: Int, _ key: [SQLValue], into positions: inout Positions) {
        let textBytes = key.reduce(0) { total, value in
            switch value {
            case .text(let text), .json(let text), .date(let text): total + text.utf8.count
            default: total
            }
        }
        guard offset > 0, textBytes <= maximumKeyBytes, positions.keys.updateValue(key, forKey: offset) == nil else { return }
        positions.offsets.insert(offset, at: firstIndex(after: offset, in: positions.offsets))
    }

    /// The index of the first of the ascending `offsets` greater than `offset` (`offsets.count`
    /// when there is none): where a new offset goes, and just past the nearest one at or before.
    private static func firstIndex(after offset: Int, in offsets: [Int]) -> Int {
        var low = 0
        var high = offsets.count
        while low < high {
            let middle = (low + high) / 2
            if offsets[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
