import Crypto
import Foundation
import Generated
import Logging
import Runtime
import ServiceLifecycle
import ValueFormats

/// The local worker that stands in for stationthis's third-party GPU worker: a background
/// service of the server's `ServiceGroup` that claims pending generation jobs, runs the tool
/// deterministically and completes the job, with its `generation.completed` event in the same
/// transaction (the webhook outbox then delivers it to the caller's URL).
///
/// Several instances (servers sharing one PostgreSQL) never run one job twice: a job is claimed
/// by a guarded update (a compare-and-swap on the whole row, `TableStore.update(ifUnchanged:)`)
/// that only one instance can win, and completed by another guarded update that fails when the
/// claim was lost (its lease ran out and another instance took the job over). On graceful
/// shutdown the worker finishes the job in hand, then stops; a job whose instance died is taken
/// over when its lease ends.
struct GenerationWorker: Service {
    /// The app's database.
    let database: any DatabaseClient
    /// The server's write hooks (the outbox, the audit trail), which the worker's writes run.
    let hooks: WriteHooks
    /// Logs jobs that fail to complete.
    let logger: Logger
    /// How long an idle worker waits before looking for pending jobs again.
    var pollInterval = Duration.milliseconds(250)
    /// How long a claim holds a job.
    var leaseMilliseconds: Int64 = 60_000
    /// Names this instance's claims.
    let workerID = "worker-" + ValueFormats.lowercaseText(of: UUID())

    typealias Job = Stationthis.GenerationJobs.Record
    typealias Column = Stationthis.GenerationJobs.Columns

    /// The identity the worker's writes carry (audited as the system's `generation-worker`).
    static let identity = Identity(subject: "generation-worker", kind: "system", scopes: ["*"])

    /// Runs jobs until graceful shutdown, finishing the one in hand first.
    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                // The job runs in a task of its own, so shutdown waits for it instead of cutting it.
                let worked = await Task { await self.runOne() }.value
                if !worked { try? await Task.sleep(for: pollInterval) }
            }
        }
    }

    /// Claims one job and completes it; `false` when there was none (or the database failed).
    func runOne() async -> Bool {
        do {
            guard let job = try await claim() else { return false }
            try await complete(job)
            return true
        } catch {
            logger.error("generation worker \(workerID): \(error)")
            return false
        }
    }

    private var context: HandlerContext {
        HandlerContext(database: database, requestID: workerID, identity: Self.identity, logger: logger, hooks: hooks)
    }

    /// The oldest pending job (or one whose claim expired), claimed for this instance.
    func claim() async throws -> Job? {
        let store = try context.store(Job.self)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let candidates = try await store.read(store.records(
            where: Column.status == "pending" || (Column.status == "running" && Column.leaseUntil < now), orderBy: [Column.createdAt.ascending],
            limit: 8))
        for candidate in candidates {
            let claim = Job.Changes(status: "running", workerId: .some(workerID), leaseUntil: .some(now + leaseMilliseconds))
            if let claimed = try await store.update(candidate.generationId, claim, ifUnchanged: candidate) { return claimed }
        }
        return nil
    }

    /// Runs `job`'s tool and marks it completed, with its `generation.completed` event to the
    /// caller's URL (webhook mode) in the same transaction; the caller's secret leaves the job
    /// row (it is kept with the delivery until it is sent).
    func complete(_ job: Job) async throws {
        let outputs = Self.outputs(toolID: job.toolId, inputs: job.inputs)
        let store = try context.store(Job.self)
        var event = WritePlan()
        if job.deliveryMode == "webhook", let url = job.deliveryUrl, let secret = job.deliverySecret {
            event = try hooks.emit(
                Stationthis.Events.GenerationCompleted(generationId: job.generationId, toolId: job.toolId, status: "completed", outputs: outputs),
                target: WebhookTarget(url: url, secret: secret), identity: Self.identity, requestID: workerID, dialect: database.dialect)
        }
        let done = Job.Changes(
            status: "completed", outputs: .some(outputs), deliverySecret: .some(nil), workerId: .some(nil), leaseUntil: .some(nil), completedAt: .some(Date()))
        if try await store.update(job.generationId, done, ifUnchanged: job, alongside: event) == nil {
            logger.warning("generation \(job.generationId): the claim of \(workerID) was lost before completion; the new holder completes it")
        }
    }

    /// What the local tool computes: `{"tool", "digest", "inputKeys"}`, where `digest` is the hex
    /// SHA-256 of the tool id, a newline and the inputs written as JSON with sorted keys, and
    /// `inputKeys` the inputs' top-level member names, sorted. The same job always gives the
    /// same outputs, on either engine.
    static func outputs(toolID: String, inputs: RawJSON?) -> RawJSON {
        var canonical = "null"
        var keys: [String] = []
        if let text = inputs?.text, let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) {
            if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) {
                canonical = String(decoding: data, as: UTF8.self)
            }
            keys = ((value as? [String: Any])?.keys).map { Array($0).sorted() } ?? []
        }
        let digest = ValueFormats.hexadecimal(SHA256.hash(data: Data((toolID + "\n" + canonical).utf8)))
        var writer = JSONWriter(capacity: 160)
        writer.beginObject()
        writer.member("tool", toolID)
        writer.member("digest", digest)
        writer.key("inputKeys")
        writer.beginArray()
        for key in keys { writer.value(key) }
        writer.endArray()
        writer.endObject()
        return RawJSON(validatedText: writer.string)
    }
}
