import Foundation
import Logging
import NIOPosix

/// One email the `Auth` module sends (password reset, email verification).
public struct MailMessage: Sendable, Equatable {
    /// Recipient address.
    public let to: String
    /// Subject line.
    public let subject: String
    /// Plain-text body.
    public let body: String

    /// Creates a message.
    public init(to: String, subject: String, body: String) {
        self.to = to
        self.subject = subject
        self.body = body
    }
}

/// Where the `Auth` module's email goes. The server picks one at start-up; tests capture mail
/// with their own.
public protocol MailSender: Sendable {
    /// Sends (or records) `message`.
    func send(_ message: MailMessage) async throws
}

/// Writes each message to the log at `notice` level: for development, where no mail server exists.
public struct LogMailSender: MailSender {
    let logger: Logger

    /// Creates a sender logging through `logger`.
    public init(logger: Logger) { self.logger = logger }

    /// Logs the message, body included (it holds single-use tokens: development only).
    public func send(_ message: MailMessage) async throws {
        logger.notice("mail to \(message.to): \(message.subject)\n\(message.body)")
    }
}

/// Writes each message as a file `<time>-<uuid>.txt` in a directory: for development and for
/// tools that pick mail up from disk.
public struct FileMailSender: MailSender {
    let directory: URL

    /// Creates a sender writing into `directory` (created when missing).
    public init(directory: URL) { self.directory = directory }

    /// Writes the message file on NIO's blocking thread pool (file I/O blocks).
    public func send(_ message: MailMessage) async throws {
        let directory = self.directory
        let name = "\(Int(Date().timeIntervalSince1970 * 1000))-\(UUID().uuidString.lowercased()).txt"
        let text = "To: \(message.to)\nSubject: \(message.subject)\n\n\(message.body)\n"
        try await NIOThreadPool.singleton.runIfActive {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: directory.appendingPathComponent(name), options: .atomic)
        }
    }
}
