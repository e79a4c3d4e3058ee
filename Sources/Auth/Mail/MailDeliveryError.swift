/// A message could not be handed to the mail server. The text names the step and the
/// server's reply code, never a credential.
public struct MailDeliveryError: Error, Sendable, CustomStringConvertible {
    /// Kinds of failure.
    public enum Code: String, Sendable {
        /// An address could smuggle a header or command (CR, LF, `<`, `>`, ...).
        case invalidAddress
        /// The server could not be reached or closed the connection.
        case connectionFailed
        /// The server took longer than the configured time-out.
        case timedOut
        /// The server answered a command with an unexpected reply code.
        case rejected
        /// `STARTTLS` was required and the server does not offer it.
        case startTLSUnavailable
        /// Credentials are configured and the server offers neither `AUTH PLAIN` nor `AUTH LOGIN`.
        case authenticationUnavailable
    }
    /// Kind of failure.
    public let code: Code
    /// What happened.
    public let message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
