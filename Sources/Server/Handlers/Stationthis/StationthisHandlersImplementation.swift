import Foundation
import Generated
import Runtime
import Webhooks
import ValueFormats

/// The stationthis app's custom endpoints: its health answer, the caller's profile, the
/// points ledger (`PointsLedger`) and generations (`GenerationJobs`, run by `GenerationWorker`).
/// Everything else (collections, API keys, sign-in) is the schema's generated and auth routes.
struct StationthisHandlersImplementation: StationthisHandlers {
    /// Checks generation delivery URLs as webhook deliveries will (loopback allowed only where
    /// `LOOM_WEBHOOKS_ALLOW_LOOPBACK=1`, as for the deliveries themselves).
    var addressGuard = AddressGuard(allowLoopback: false)

    /// Starts a generation: 202 with the job's id; the worker runs it.
    func generationsExecute(
        _ input: Stationthis.Operations.GenerationsExecute.Input, context: HandlerContext
    ) async throws -> Stationthis.Operations.GenerationsExecute.Output {
        let job = try await GenerationJobs(context: context, addressGuard: addressGuard).execute(input.body)
        return .init(status: "accepted", generationId: job.generationId, toolId: job.toolId, delivery: .init(mode: job.deliveryMode, url: job.deliveryUrl))
    }

    /// The caller's generation: status, inputs, outputs once completed.
    func generationsStatus(
        _ input: Stationthis.Operations.GenerationsStatus.Input, context: HandlerContext
    ) async throws -> Stationthis.Operations.GenerationsStatus.Output {
        let job = try await GenerationJobs(context: context, addressGuard: addressGuard).status(input.id)
        return .init(
            generationId: job.generationId, toolId: job.toolId, status: job.status, inputs: job.inputs, outputs: job.outputs,
            delivery: .init(mode: job.deliveryMode, url: job.deliveryUrl), createdAt: job.createdAt, completedAt: job.completedAt)
    }

    /// `{"status": "ok"}` when the database answers; 503 otherwise.
    func statusHealth(
        _ input: Stationthis.Operations.StatusHealth.Input, context: HandlerContext
    ) async throws -> Stationthis.Operations.StatusHealth.Output {
        try await context.requireDatabase()
        return .init(status: "ok")
    }

    /// The caller's account (through `CredentialIssuer.account`), no wallets, its status.
    func userMe(
        _ input: Stationthis.Operations.UserMe.Input, context: HandlerContext
    ) async throws -> Stationthis.Operations.UserMe.Output {
        guard let userID = context.identity?.userID, let credentials = context.credentials,
            let account = try await credentials.account(userID: userID), let id = ValueFormats.uuid(account.id)
        else {
            throw APIError.forbidden("The profile belongs to user accounts; sign in as a user or use a user's API key.")
        }
        return .init(
            profile: .init(userId: id, username: account.email, name: account.name, role: account.role, createdAt: account.createdAt),
            wallets: [], status: account.status == "active" ? "active" : "disabled")
    }

    /// The caller's balance.
    func pointsSummary(
        _ input: Stationthis.Operations.PointsSummary.Input, context: HandlerContext
    ) async throws -> Stationthis.Operations.PointsSummary.Output {
        .init(balance: try await PointsLedger(caller: context).position().balance, currency: "points")
    }

    /// The caller's balance (the same answer at the reference's second path).
    func pointsBalance(
        _ input: Stationthis.Operations.PointsBalance.Input, context: HandlerContext
    ) async throws -> Stationthis.Operations.PointsBalance.Output {
        .init(balance: try await PointsLedger(caller: context).position().balance, currency: "points")
    }

    /// A spend from the caller's ledger.
    func spendPoints(
        _ input: Stationthis.Operations.SpendPoints.Input, context: HandlerContext
    ) async throws -> Stationthis.Operations.SpendPoints.Output {
        let row = try await PointsLedger(caller: context).append(kind: "spend", amount: -input.body.amount, description: input.body.description)
        return .init(transactionId: row.transactionId, amount: row.amount, balance: row.balanceAfter, currency: "points", createdAt: row.createdAt)
    }

    /// A grant to any user's ledger (admins: `points:grant`).
    func grantPoints(
        _ input: Stationthis.Operations.GrantPoints.Input, context: HandlerContext
    ) async throws -> Stationthis.Operations.GrantPoints.Output {
        guard let credentials = context.credentials, try await credentials.account(userID: ValueFormats.lowercaseText(of: input.body.userId)) != nil else {
            throw APIError.validation([.init(field: "userId", message: "names no account")])
        }
        let ledger = PointsLedger(context: context, userID: input.body.userId)
        let row = try await ledger.append(kind: "grant", amount: input.body.amount, description: input.body.description)
        return .init(
            transactionId: row.transactionId, userId: row.userId, amount: row.amount, balance: row.balanceAfter, currency: "points",
            createdAt: row.createdAt)
    }
}
