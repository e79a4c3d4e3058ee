import Foundation
import Generated
import Runtime
import ValueFormats

/// One user's points ledger (`point_transactions`): the balance is the `balance_after` of the
/// user's newest row, and every credit or spend appends the row numbered one past it.
///
/// Serialisation without locks that differ per engine: `(user_id, sequence)` is unique, so of
/// two writes that read the same newest row only one can commit its row; the other gets the
/// table's 409 from the database, reads the new balance and tries again. A spend that the
/// balance does not cover writes nothing. The row goes through the typed store, so its audit
/// event and the request's idempotency record commit in its transaction.
struct PointsLedger {
    let context: HandlerContext
    let userID: UUID

    /// Most attempts of one write when concurrent writes keep taking its sequence number: each
    /// round commits one write of this user, so this many concurrent writers all get through.
    static let maximumAttempts = 64

    private typealias Columns = Stationthis.PointTransactions.Columns
    typealias Row = Stationthis.PointTransactions.Record

    /// The ledger of the caller's account; 403 for a caller that is no user.
    init(caller context: HandlerContext) throws {
        guard let text = context.identity?.userID, let id = ValueFormats.uuid(text) else {
            throw APIError.forbidden("Points belong to user accounts; sign in as a user or use a user's API key.")
        }
        self.init(context: context, userID: id)
    }

    /// The ledger of `userID`.
    init(context: HandlerContext, userID: UUID) {
        self.context = context
        self.userID = userID
    }

    /// The newest row's sequence number and balance; `(0, 0)` for an empty ledger.
    func position() async throws -> (sequence: Int64, balance: Int64) {
        let store = try context.store(Row.self)
        let newest = try await store.read(store.records(where: Columns.userId == userID, orderBy: [Columns.sequence.descending], limit: 1))
        return newest.first.map { ($0.sequence, $0.balanceAfter) } ?? (0, 0)
    }

    /// Appends a row moving `amount` points (negative: a spend). 409 `INSUFFICIENT_POINTS`
    /// naming `amount` when the balance would go negative.
    func append(kind: String, amount: Int64, description: String?) async throws -> Row {
        let store = try context.store(Row.self)
        for _ in 0..<Self.maximumAttempts {
            let (sequence, balance) = try await position()
            let after = balance + amount
            guard after >= 0 else {
                throw APIError(
                    status: .conflict, code: "INSUFFICIENT_POINTS",
                    detail: "The balance is \(balance) points; amount \(-amount) would make it negative.",
                    fieldErrors: [.init(field: "amount", message: "exceeds the balance of \(balance) points")])
            }
            do {
                return try await store.create(
                    .init(userId: userID, sequence: sequence + 1, kind: kind, amount: amount, balanceAfter: after, description: description))
            } catch let error as APIError where error.status == .conflict {
                // Another write of this user took `sequence + 1` first: read its balance, try again.
                continue
            }
        }
        throw APIError(
            status: .conflict, code: "LEDGER_BUSY",
            detail: "Too many concurrent point transactions for this user; retry (with the same Idempotency-Key).")
    }
}
