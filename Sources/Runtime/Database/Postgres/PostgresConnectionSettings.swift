import Foundation
import NIOSSL
import PostgresNIO

/// Where and how `PostgresDatabase` connects, parsed from a `postgres://` URL
/// (`--database-url`, `DATABASE_URL`).
///
/// `postgres://user:password@host:5432/database?schema=app&pool_size=20` — user, password, port
/// (5432), database (the user's name) and the query items are optional. `schema` sets
/// `search_path`, so one database can hold several Loom apps or isolated test runs; `pool_size`
/// caps the connections of one server instance (N instances use N × pool_size connections,
/// which must stay under the server's `max_connections`). `sslmode` follows libpq: `disable`,
/// `prefer` (the default: TLS when the server offers it), `require` (TLS, certificate not
/// checked), `verify-ca` (certificate checked against the system's roots), `verify-full` (and the
/// host name too). `statement_timeout` (milliseconds, default 10000) bounds every statement on
/// the server and every request's transaction in the client; `connect_timeout` (seconds, default
/// 10) bounds how long a request waits for a pooled connection while the pool hands out none (see
/// `PostgresDeadlines`).
public struct PostgresConnectionSettings: Sendable, Equatable {
    /// libpq's `sslmode` values that the driver supports.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// Host name or address.
    public var host: String
    /// TCP port.
    public var port: Int
    /// Role to log in as.
    public var username: String
    /// Password, when the server asks for one.
    public var password: String?
    /// Database name.
    public var database: String
    /// Schema put first on `search_path`, when given.
    public var schema: String?
    /// Maximum connections in this instance's pool.
    public var poolSize: Int
    /// Whether and how to use TLS.
    public var sslMode: SSLMode = .prefer
    /// Longest a statement may run, and an open transaction may sit idle, on the server;
    /// requests' transactions get this plus a margin in the client (`PostgresDeadlines`).
    public var statementTimeout: Duration = .seconds(10)
    /// Longest a request waits for a pooled connection while the pool hands none to anyone: the
    /// database is unreachable or refuses connections (`PostgresDeadlines`).
    public var connectTimeout: Duration = .seconds(10)

    /// Creates settings directly.
    public init(host: String, port: Int = 5432, username: String, password: String? = nil, database: String, schema: String? = nil, poolSize: Int = 20) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.schema = schema
        self.poolSize = poolSize
    }

    /// Parses a `postgres://` or `postgresql://` URL.
    /// - Throws: `DatabaseURLError` naming what is wrong.
    public init(url text: String) throws(DatabaseURLError) {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme.lowercased()) else {
            throw DatabaseURLError(message: "database URL must look like postgres://user:password@host:5432/database")
        }
        guard let host = components.host, !host.isEmpty else {
            throw DatabaseURLError(message: "database URL \(Self.redacted(text)) names no host")
        }
        let username = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        let database = String(components.path.drop(while: { $0 == "/" }))
        self.init(
            host: host,
            port: components.port ?? 5432,
            username: username,
            password: components.password.flatMap { $0.removingPercentEncoding },
            database: database.isEmpty ? username : database
        )
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "schema", "search_path":
                guard Self.isPlainIdentifier(value) else {
                    throw DatabaseURLError(message: "schema \"\(value)\" must be letters, digits and underscores, not starting with a digit")
                }
                schema = value
            case "pool_size":
                guard let size = Int(value), (1...1000).contains(size) else {
                    throw DatabaseURLError(message: "pool_size must be a whole number from 1 to 1000, got \"\(value)\"")
                }
                poolSize = size
            case "sslmode":
                guard let mode = SSLMode(rawValue: value) else {
                    let known = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
                    throw DatabaseURLError(message: "sslmode \"\(value)\" is not supported (known: \(known))")
                }
                sslMode = mode
            case "statement_timeout":
                guard let milliseconds = Int(value), (100...3_600_000).contains(milliseconds) else {
                    throw DatabaseURLError(message: "statement_timeout must be milliseconds from 100 to 3600000, got \"\(value)\"")
                }
                statementTimeout = .milliseconds(milliseconds)
            case "connect_timeout":
                guard let seconds = Int(value), (1...600).contains(seconds) else {
                    throw DatabaseURLError(message: "connect_timeout must be seconds from 1 to 600, got \"\(value)\"")
                }
                connectTimeout = .seconds(seconds)
            default:
                throw DatabaseURLError(
                    message: "database URL option \(item.name)=\(value) is not supported (known: schema, pool_size, sslmode, statement_timeout, connect_timeout)")
            }
        }
    }

    /// Whether a URL (or path) selects PostgreSQL.
    public static func isPostgresURL(_ text: String) -> Bool {
        let lowercased = text.lowercased()
        return lowercased.hasPrefix("postgres://") || lowercased.hasPrefix("postgresql://")
    }

    /// The URL without its password, for logs and messages.
    public static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? text
    }

    /// Letters, digits and underscores, not starting with a digit: safe to splice as an identifier.
    static func isPlainIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// postgres-nio's TLS setting for `sslMode`.
    var tls: PostgresClient.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable: return .disable
        case .prefer:
            configuration.certificateVerification = .none
            return .prefer(configuration)
        case .require:
            configuration.certificateVerification = .none
            return .require(configuration)
        case .verifyCA:
            configuration.certificateVerification = .noHostnameVerification
            return .require(configuration)
        case .verifyFull:
            return .require(configuration)
        }
    }

    /// postgres-nio's client configuration for these settings.
    var clientConfiguration: PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls
        )
        configuration.options.maximumConnections = poolSize
        configuration.options.connectTimeout = .seconds(5)
        // Startup parameters apply to every pooled connection before its first query. The
        // server cancels a statement past the timeout (57014) and closes a connection whose
        // transaction sits idle that long (25P03), so no request and no lock outlives them;
        // migrations lift the statement limit inside their own transactions.
        let milliseconds = String(statementTimeout.components.seconds * 1000 + statementTimeout.components.attoseconds / 1_000_000_000_000_000)
        var parameters = [("statement_timeout", milliseconds), ("idle_in_transaction_session_timeout", milliseconds)]
        if let schema { parameters.append(("search_path", schema)) }
        configuration.options.additionalStartupParameters = parameters
        return configuration
    }
}

/// A database URL that cannot be used.
public struct DatabaseURLError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and how it should look.
    public var message: String
    /// The message.
    public var description: String { message }
}
