import Foundation

/// The reference Python package `standardwebhooks` (pinned and installed by `.ci/run`),
/// verifying our deliveries independently of our own code.
enum StandardWebhooksInterop {
    /// The verifying script: secret in argv[1], headers as JSON in argv[2], the body on stdin.
    static let script = """
        import json, sys
        from standardwebhooks.webhooks import Webhook
        Webhook(sys.argv[1]).verify(sys.stdin.buffer.read(), json.loads(sys.argv[2]))
        print("verified")
        """

    /// Whether `python3` can import the package (CI installs it; elsewhere the test is skipped).
    static let available: Bool = (try? run(["-c", "import standardwebhooks"], input: [])).map { $0.status == 0 } ?? false

    /// Whether the package accepts `body` with `headers` under `secret`; the error output otherwise.
    static func verify(secret: String, headers: [String: String], body: [UInt8]) throws -> (verified: Bool, output: String) {
        let headerJSON = String(decoding: try JSONSerialization.data(withJSONObject: headers), as: UTF8.self)
        let result = try run(["-c", script, secret, headerJSON], input: body)
        return (result.status == 0 && result.output.contains("verified"), result.output)
    }

    /// The signing script: secret, message id and timestamp (seconds) in argv, the body on stdin;
    /// prints the `webhook-signature` value the package computes.
    static let signingScript = """
        import datetime, sys
        from standardwebhooks.webhooks import Webhook
        body = sys.stdin.buffer.read().decode()
        moment = datetime.datetime.fromtimestamp(int(sys.argv[3]), tz=datetime.timezone.utc)
        print(Webhook(sys.argv[1]).sign(sys.argv[2], moment, body))
        """

    /// The package's `webhook-signature` of `body` as message `id` at `timestamp` under `secret`
    /// (for incoming messages the server must accept).
    static func sign(secret: String, id: String, timestamp: Int64, body: [UInt8]) throws -> String {
        let result = try run(["-c", signingScript, secret, id, String(timestamp)], input: body)
        guard result.status == 0 else { throw SigningFailed(output: result.output) }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The signing script failed; `output` is what it printed.
    struct SigningFailed: Error {
        let output: String
    }

    private static func run(_ arguments: [String], input: [UInt8]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
