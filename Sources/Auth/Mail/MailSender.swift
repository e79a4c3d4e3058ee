import Foundation
import Logging
import NIOPosix
import ValueFormats

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
///
/// Bodies hold single-use tokens (password reset, email verification), and logs are copied,
/// shipped and kept: the body is logged only when the development flag `LOOM_MAIL_LOG_BODIES=1`
/// asks for it (`MailSenders.make` reads it), otherwise just recipient and subject.
public struct LogMailSender: MailSender {
    /// The environment variable that lets message bodies into the log.
    public static let bodiesFlag = "LOOM_MAIL_LOG_BODIES"

    let logger: Logger
    /// Whether bodies (and their tokens) are logged.
    let logsBodies: Bool

    /// Creates a sender logging through `logger`; bodies only when `logsBodies`.
    public init(logger: Logger, logsBodies: Bool = false) {
        self.logger = logger
        self.logsBodies = logsBodies
    }

    /// Logs the message; its body only when `logsBodies`.
    public func send(_ message: MailMessage) async throws {
        if logsBodies {
            logger.notice("mail to \(message.to): \(message.subject)\n\(message.body)")
        } else {
            logger.notice("mail to \(message.to): \(message.subject) (body withheld; set \(Self.bodiesFlag)=1 in development to log it)")
        }
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
        let name = "\(Int(Date().timeIntervalSince1970 * 1000))-\(ValueFormats.lowercaseText(of: UUID())).txt"
        let text = "To: \(message.to)\nSubject: \(message.subject)\n\n\(message.body)\n"
        try await NIOThreadPool.singleton.runIfActive {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: directory.appendingPathComponent(name), options: .atomic)
        }
    }
}
