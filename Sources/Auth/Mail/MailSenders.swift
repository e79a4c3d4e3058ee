import Foundation
import Logging
import NIOCore
import Runtime

/// Chooses the mail sender at start-up.
public enum MailSenders {
    /// The sender for `settings` (`auth.mail`): `$LOOM_MAIL_DIRECTORY` wins when set (files,
    /// for development), then the app's choice, then the log (bodies only with
    /// `LOOM_MAIL_LOG_BODIES=1`).
    /// - Throws: `AuthConfigurationError` when the SMTP settings cannot be used (a credential
    ///   variable unset, credentials without TLS).
    public static func make(settings: AuthSettings.MailSettings?, environment: [String: String], logger: Logger) throws -> any MailSender {
        if let directory = environment["LOOM_MAIL_DIRECTORY"], !directory.isEmpty {
            return FileMailSender(directory: URL(fileURLWithPath: directory))
        }
        let logsBodies = environment[LogMailSender.bodiesFlag] == "1"
        guard let settings else { return LogMailSender(logger: logger, logsBodies: logsBodies) }
        switch settings.sender {
        case .log:
            return LogMailSender(logger: logger, logsBodies: logsBodies)
        case .file:
            return FileMailSender(directory: URL(fileURLWithPath: settings.directory ?? "data/mail"))
        case .smtp:
            guard let smtp = settings.smtp else {
                throw AuthConfigurationError(code: .invalidMailSettings, message: "auth.mail.sender is \"smtp\" but auth.mail.smtp is missing")
            }
            return try SMTPMailSender(
                configuration: .init(
                    host: smtp.host, port: smtp.port, security: smtp.security,
                    credentials: try credentials(smtp, environment: environment), from: settings.from,
                    timeout: .seconds(Int64(smtp.timeoutSeconds))),
                logger: logger)
        }
    }

    /// The user name and password from their variables, or `nil` when none is configured.
    private static func credentials(
        _ smtp: AuthSettings.SMTPSettings, environment: [String: String]
    ) throws -> (username: String, password: String)? {
        guard let usernameVariable = smtp.usernameVariable, let passwordVariable = smtp.passwordVariable else { return nil }
        guard let username = environment[usernameVariable], !username.isEmpty,
            let password = environment[passwordVariable], !password.isEmpty
        else {
            throw AuthConfigurationError(
                code: .invalidMailSettings,
                message: "set \(usernameVariable) and \(passwordVariable) (auth.mail.smtp.usernameVariable / passwordVariable) "
                    + "to the SMTP user name and password")
        }
        return (username, password)
    }
}

/// Wraps the configured sender so a delivery failure is logged (without the message body,
/// which holds single-use tokens) and reaches the route as a 502 `MAIL_DELIVERY_FAILED`
/// instead of a 500. Routes that must not reveal whether an account exists (password reset)
/// catch it and still answer 202.
struct ReportingMailSender: MailSender {
    let sender: any MailSender
    let logger: Logger

    /// Sends through `sender`; failures are logged and rethrown as a 502.
    func send(_ message: MailMessage) async throws {
        do {
            try await sender.send(message)
        } catch {
            logger.error("mail \"\(message.subject)\" could not be sent: \(error)")
            throw APIError(
                status: .badGateway, code: "MAIL_DELIVERY_FAILED", detail: "The email could not be sent; try again later.")
        }
    }
}
