import Foundation
import Logging

/// Writes the access log of a server whose app has an `accessLog` section: one line per request
/// from `RequestObservationMiddleware`, and one per inline key read (as the `InlineReadObserver` of
/// `InlineReads`), so the inline path stays on and is still logged.
public struct AccessLog: InlineReadObserver {
    /// The app's section.
    public let settings: AccessLogSettings
    /// Where each line goes.
    let write: @Sendable (String) -> Void

    /// A log writing each line to `write`.
    public init(settings: AccessLogSettings, write: @escaping @Sendable (String) -> Void) {
        self.settings = settings
        self.write = write
    }

    /// A log writing each line at `info` to the swift-log logger `loom.access` (the process's
    /// log handler, standard output by default).
    public init(settings: AccessLogSettings) {
        let logger = Logger(label: "loom.access")
        self.init(settings: settings) { logger.info("\(Logger.Message(stringLiteral: $0))") }
    }

    /// Writes `entry`.
    public func record(_ entry: AccessLogEntry) {
        write(entry.line(settings.format))
    }

    public func answered(_ answer: InlineReadAnswer) {
        record(AccessLogEntry(
            method: answer.method, route: answer.route, status: 200,
            durationMilliseconds: Double(answer.duration.nanoseconds) / 1_000_000, requestID: answer.requestID,
            identity: answer.identity.map(AccessLogEntry.identityText), organizationID: answer.identity?.organizationID,
            clientIP: RequestClientAddress.of(peer: answer.peer), inline: true))
    }
}
