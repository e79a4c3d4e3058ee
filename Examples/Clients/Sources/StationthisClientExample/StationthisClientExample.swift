// An integration with stationthis through the client swift-openapi-generator builds from the app's
// published document: sign up and sign in, read the balance, spend points with an Idempotency-Key
// (and see the replay), start a generation whose completion is POSTed to a receiver this program
// runs on 127.0.0.1, verify the delivery's signature, and read the generation's status. Every step
// prints what it did; any unexpected answer ends the program with exit code 1.
//
//     STATIONTHIS_ADMIN_EMAIL=admin@example.com STATIONTHIS_ADMIN_PASSWORD='correct horse battery' \
//         swift run --package-path Examples/Clients stationthis-client-example http://127.0.0.1:8080
//
// The server URL is the first argument, else STATIONTHIS_URL, else http://127.0.0.1:8080. An admin
// account (`loom-server set-role --app stationthis <email> admin`) grants the points and adds the
// tool. The receiver listens on 127.0.0.1, so the server must run with
// LOOM_WEBHOOKS_ALLOW_LOOPBACK=1 (development only).

import Crypto
import Foundation
import HTTPTypes
import OpenAPIRuntime
import OpenAPIURLSession

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Loom writes timestamps with milliseconds; the client's default date transcoder expects whole
/// seconds (see the tracker example, which proves it).
let configuration = Configuration(dateTranscoder: .iso8601WithFractionalSeconds)

/// Sends `Authorization: Bearer <token>` with every request.
struct BearerAuthentication: ClientMiddleware {
    let token: String

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.authorization] = "Bearer \(token)"
        return try await next(request, body, baseURL)
    }
}

struct ExampleFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Fails the example unless `condition` holds.
func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    if !condition { throw ExampleFailure(message()) }
}

@MainActor
var stepCount = 0

@MainActor
func step(_ text: String) {
    stepCount += 1
    print("\(stepCount). \(text)")
}

/// The completion the server POSTs: `{event, generationId, toolId, status, outputs, timestamp}`.
struct GenerationCompleted: Decodable {
    let event: String
    let generationId: String
    let toolId: String
    let status: String
    let outputs: OpenAPIValueContainer
}

/// `X-Webhook-Signature: sha256=<hex HMAC-SHA256 of the raw body with the delivery secret>`,
/// checked in constant time on the bytes received, before they are parsed.
func signatureIsValid(_ header: String?, body: [UInt8], secret: String) -> Bool {
    guard let header, header.hasPrefix("sha256="), let code = bytes(hex: header.dropFirst("sha256=".count)) else { return false }
    return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: body, using: SymmetricKey(data: Data(secret.utf8)))
}

/// `value` as JSON text with sorted keys, for printing.
func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// The bytes a hex string spells; `nil` for anything else.
func bytes(hex: Substring) -> [UInt8]? {
    let digits = Array(hex.utf8)
    guard digits.count % 2 == 0 else { return nil }
    return try? stride(from: 0, to: digits.count, by: 2).map { index in
        guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else {
            throw ExampleFailure("not hex")
        }
        return byte
    }
}

@main
@MainActor
struct StationthisClientExample {
    static let password = "correct horse battery staple"

    static func main() async {
        do {
            try await run()
            print("stationthis-client-example: \(stepCount) steps passed")
        } catch let error as ClientError {
            // The operation and the cause; ClientError's own description also lists the whole input
            // (the password of a sign-in among it).
            let status = error.response.map { " (HTTP \($0.status.code))" } ?? ""
            print("stationthis-client-example FAILED after \(stepCount) steps: \(error.operationID)\(status): \(error.underlyingError)")
            exit(1)
        } catch {
            print("stationthis-client-example FAILED after \(stepCount) steps: \(error)")
            exit(1)
        }
    }

    static func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let address = CommandLine.arguments.dropFirst().first ?? environment["STATIONTHIS_URL"] ?? "http://127.0.0.1:8080"
        guard let serverURL = URL(string: address), serverURL.scheme != nil else { throw ExampleFailure("not a server URL: \(address)") }
        guard let adminEmail = environment["STATIONTHIS_ADMIN_EMAIL"], let adminPassword = environment["STATIONTHIS_ADMIN_PASSWORD"] else {
            throw ExampleFailure("set STATIONTHIS_ADMIN_EMAIL and STATIONTHIS_ADMIN_PASSWORD (an account with the admin role)")
        }
        let email = "swift-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        print("stationthis at \(serverURL.absoluteString), account \(email)")
        let transport = URLSessionTransport()
        let anonymous = Client(serverURL: serverURL, configuration: configuration, transport: transport)

        // 1. Sign up, then sign in by username. (`.created`, `.ok`, ... throw on any other answer.)
        _ = try await anonymous.authSignup(body: .json(.init(email: email, name: "Swift Example", password: password))).created
        let user = try await signIn(anonymous, email: email, password: password, serverURL: serverURL, transport: transport)
        let me = try await user.userMe().ok.body.json
        step("signed up and signed in as \(me.profile.username) (user \(me.profile.userId), role \(me.profile.role.rawValue))")

        // 2. An admin grants points; the user reads the balance.
        let admin = try await signIn(anonymous, email: adminEmail, password: adminPassword, serverURL: serverURL, transport: transport)
        let granted = try await admin.grantPoints(body: .json(.init(amount: 100, description: "welcome", userId: me.profile.userId)))
            .created.body.json
        let balance = try await user.pointsBalance().ok.body.json
        try expect(balance.balance == 100, "the balance is \(balance.balance) after a grant of 100")
        step("an admin granted 100 points (transaction \(granted.transactionId)); balance \(balance.balance) \(balance.currency.rawValue)")

        // 3. Spend with an Idempotency-Key; the same request again is replayed, not spent twice.
        let key = UUID().uuidString
        let spend = Components.Schemas.SpendPointsRequest(amount: 30, description: "an image")
        let first = try await user.spendPoints(headers: .init(idempotencyKey: key), body: .json(spend)).created
        let again = try await user.spendPoints(headers: .init(idempotencyKey: key), body: .json(spend)).created
        let spent = try first.body.json
        try expect(again.headers.idempotentReplayed == "true" && (try again.body.json.transactionId) == spent.transactionId,
                   "the second spend was not a replay: \(again)")
        let after = try await user.pointsBalance().ok.body.json.balance
        try expect(after == 70, "the balance is \(after) after spending 30 of 100 once")
        step("spent 30 points with Idempotency-Key \(key): 201, transaction \(spent.transactionId); "
            + "sent again: Idempotent-Replayed: true, the same transaction; balance \(after)")

        // 4. A generation delivered by webhook to this program's receiver.
        let tool = try await admin.createTool(body: .json(.init(description: "SDK example", name: "Text to image"))).created.body.json
        let receiver = try WebhookReceiver()
        let secret = UUID().uuidString
        // `inputs` is a nullable json field: any JSON value, an `OpenAPIValueContainer`.
        let document: [String: any Sendable] = ["prompt": "a cat in a spacesuit", "steps": 30]
        let inputs = try OpenAPIValueContainer(unvalidatedValue: document)
        let started = try await user.generationsExecute(body: .json(.init(
            delivery: .init(mode: .webhook, secret: secret, url: receiver.url), inputs: inputs, toolId: tool.toolId))).accepted.body.json
        step("started generation \(started.generationId) of tool \(tool.toolId): \(started.status.rawValue), delivery to \(started.delivery.url ?? "-")")

        let delivery = try await receiver.receive(within: 30)
        try expect(signatureIsValid(delivery.headers["x-webhook-signature"], body: delivery.body, secret: secret),
                   "the delivery's signature \(delivery.headers["x-webhook-signature"] ?? "(none)") does not match its body")
        try expect(!signatureIsValid(delivery.headers["x-webhook-signature"], body: delivery.body + [32], secret: secret),
                   "the signature also verified a body with one byte more")
        let event = try JSONDecoder().decode(GenerationCompleted.self, from: Data(delivery.body))
        try expect(event.event == "generation.completed" && event.generationId == started.generationId && event.toolId == tool.toolId,
                   "the delivery does not name the generation: \(event)")
        step("received POST \(delivery.path): signature verified (and refused for the body with one byte more), "
            + "\(event.event) of \(event.generationId), status \(event.status)")

        // 5. The status, read back: the same outputs the webhook carried.
        let status = try await user.generationsStatus(path: .init(id: started.generationId)).ok.body.json
        try expect(status.status == .completed && status.outputs == event.outputs, "the status does not match the delivery: \(status)")
        step("GET /api/v1/generations/status/\(status.generationId): \(status.status.rawValue), outputs \(try json(status.outputs))")
    }

    /// `POST /api/v1/auth/password` by username (the account's email); a client without `Origin`
    /// gets the access token in the body. Returns a client sending it as `Authorization: Bearer`.
    static func signIn(
        _ client: Client, email: String, password: String, serverURL: URL, transport: URLSessionTransport
    ) async throws -> Client {
        let tokens = try await client.authLogin(body: .json(.init(password: password, username: email))).ok.body.json
        guard let token = tokens.accessToken else { throw ExampleFailure("the sign-in of \(email) answered no access token") }
        return Client(
            serverURL: serverURL, configuration: configuration, transport: transport,
            middlewares: [BearerAuthentication(token: token)])
    }
}
