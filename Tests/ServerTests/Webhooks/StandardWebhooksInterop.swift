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
