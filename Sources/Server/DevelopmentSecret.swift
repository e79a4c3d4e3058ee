import ArgumentParser
import Foundation
import Logging

/// The signing secret of a SQLite-backed server started without its secret variable: read from
/// a file beside the database, or generated (48 random bytes, base64) and written there with
/// owner-only permissions on first start. Production deployments set the variable; the log
/// says so every time the file is used.
enum DevelopmentSecret {
    /// The secret held in `file`, creating the file when it does not exist.
    /// - Throws: `ValidationError` when the file cannot be read or written.
    static func load(from file: URL, logger: Logger, variable: String) throws -> String {
        let manager = FileManager.default
        if let data = manager.contents(atPath: file.path) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw ValidationError("\(file.path) is empty; delete it or set \(variable)") }
            logger.warning("\(variable) is not set: signing tokens with the development secret in \(file.path); set \(variable) in production")
            return text
        }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<48).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let secret = Data(bytes).base64EncodedString()
        do {
            try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard manager.createFile(atPath: file.path, contents: Data((secret + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown)
            }
        } catch {
            throw ValidationError("cannot write a development signing secret to \(file.path) (\(error)); set \(variable) instead")
        }
        logger.warning("\(variable) is not set: generated a development signing secret in \(file.path); set \(variable) in production")
        return secret
    }
}
