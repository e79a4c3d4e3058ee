import Foundation
import Logging
import Runtime

/// The key list cursors are signed with (`CursorCodec`). Every instance serving an app must
/// use the same one, or a cursor from one instance is refused by the next.
enum CursorSecret {
    /// The environment variable an operator sets to choose the secret explicitly.
    static let variable = "LOOM_CURSOR_SECRET"

    /// `LOOM_CURSOR_SECRET` when set; else the app's token secret (apps with `auth`, whose
    /// instances already share it: the variable, or on SQLite the development secret file);
    /// else a key of this process, so cursors end with a restart (logged as a warning on
    /// PostgreSQL, where several instances may serve one app).
    static func codec(
        app: GeneratedApp, options: AppOptions, logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> CursorCodec {
        if let secret = environment[variable], !secret.isEmpty { return CursorCodec(secret: secret) }
        if let auth = app.auth {
            if let secret = environment[auth.secretVariable], !secret.isEmpty { return CursorCodec(secret: secret) }
            if let file = options.developmentSecretFile, let data = FileManager.default.contents(atPath: file.path), !data.isEmpty {
                return CursorCodec(secret: String(decoding: data, as: UTF8.self))
            }
        }
        if options.resolvedDatabaseURL != nil {
            logger.warning("\(variable) is not set: list cursors are signed with a key of this process; set it when several instances serve \(app.settings.name)")
        }
        return .random()
    }
}
