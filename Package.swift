// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// The OpenAPI documents written beside the generated Swift (`Generated/<App>/openapi.json`)
/// and the migration folders (`Generated/<App>/Migrations/`, `.sql` files and `snapshot.json`,
/// embedded in the binary through `<App>+Migrations.swift`): they are published files, not
/// sources, so the `Generated` target excludes them.
let generatedDocuments: [String] = {
    let generated = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Generated")
    let apps = (try? FileManager.default.contentsOfDirectory(atPath: generated.path)) ?? []
    return apps.sorted().flatMap { ["\($0)/Migrations", "\($0)/openapi.json"] }.filter {
        FileManager.default.fileExists(atPath: generated.appendingPathComponent($0).path)
    }
}()

let package = Package(
    name: "Loom",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "loom", targets: ["loom"]),
        .executable(name: "loom-server", targets: ["Server"]),
        .library(name: "Runtime", targets: ["Runtime"]),
        .library(name: "Auth", targets: ["Auth"]),
        .library(name: "Webhooks", targets: ["Webhooks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit", from: "6.4.0", traits: []),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // HTTP parts as swift-http-types values, for the inline read handler; already built for Hummingbird.
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // OAuth provider calls; already built for HummingbirdTesting's live client.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // The server, the PostgreSQL pool and background workers as one ServiceGroup; already built for Hummingbird.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Self-signed certificates for the SMTP sender's TLS tests; already built for jwt-kit.
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        // MARK: Observability (Prometheus /metrics, issue 14); swift-metrics is already built for Hummingbird.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .target(name: "SchemaModel", dependencies: ["ValueFormats"]),
        /// The filter and sort grammar, free of dependencies (but the JSON reader of its JSON filter form) so
        /// the fuzz build compiles only them.
        .target(name: "QueryGrammar", dependencies: ["RequestJSON"]),
        .target(name: "RequestJSON"),
        /// The route families (auth, platform, system) and the auth request bodies, free of
        /// dependencies (but the value formats) so the generator and the runtime both read this
        /// one declaration.
        .target(name: "APIContract", dependencies: ["ValueFormats"]),
        /// The text formats of typed fields (email, URL, date, date-time, UUID), shared by the
        /// generator (schema defaults) and the runtime (request values).
        .target(name: "ValueFormats"),
        /// libFuzzer's driver and input replay, shared by the fuzzers (`-D LOOM_FUZZ`).
        .target(name: "FuzzDriver"),
        /// Run a parser on files (normal build) or under libFuzzer (`-D LOOM_FUZZ`): each depends
        /// only on the dependency-free target it fuzzes, so its sanitizer build stays small.
        .executableTarget(name: "FilterFuzzer", dependencies: ["QueryGrammar", "FuzzDriver"]),
        .executableTarget(name: "SchemaFuzzer", dependencies: ["SchemaModel", "FuzzDriver"]),
        .executableTarget(name: "BodyJSONFuzzer", dependencies: ["RequestJSON", "FuzzDriver"]),
        .executableTarget(name: "CursorFuzzer", dependencies: ["QueryGrammar", "FuzzDriver"]),
        .target(
            name: "CodeGenerator",
            dependencies: [
                // QueryGrammar: the list grammar's limits, documented from the parser's own constants.
                "SchemaModel", "APIContract", "QueryGrammar", "ValueFormats",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ]
        ),
        .executableTarget(
            name: "loom",
            dependencies: [
                // APIContract: `loom dev` finds the app's readiness probe among the system routes.
                "CodeGenerator", "SchemaModel", "APIContract",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "Runtime",
            dependencies: [
                "QueryGrammar", "APIContract", "RequestJSON", "ValueFormats",
                .product(name: "Hummingbird", package: "hummingbird"),
                // The HTTP/1.1 child channel with the inline read handler (LoomHTTP1Channel).
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                // The lock behind the shared `Date` header value (SharedHTTPDate).
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for the key reader's own read-only connections (SQLiteReadConnection).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                // Request metrics through swift-metrics, kept and exposed by swift-prometheus (MetricsServer).
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // ConnectionPoolError (the pool's circuit breaker) is declared only here.
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                // HMAC-SHA256 of list cursors (CursorCodec).
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        /// Accounts, sessions, JWT, refresh tokens and API keys for apps with an `auth` section.
        .target(
            name: "Auth",
            dependencies: [
                "Runtime", "APIContract", "ValueFormats",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        /// The transactional outbox and the delivery service for apps with a `webhooks` section.
        .target(
            name: "Webhooks",
            dependencies: [
                "Runtime", "APIContract", "ValueFormats",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "Generated",
            // APIContract: the app's settings name route overrides and its naming style in the
            // contract's own terms (`ContractRouteOverride`, `JSONNaming`).
            dependencies: ["Runtime", "APIContract"],
            path: "Generated",
            exclude: generatedDocuments
        ),
        .executableTarget(
            name: "Server",
            dependencies: [
                "Runtime", "Generated", "Auth", "Webhooks", "ValueFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "SchemaModelTests", dependencies: ["SchemaModel"]),
        .testTarget(name: "APIContractTests", dependencies: ["APIContract"]),
        .testTarget(name: "ValueFormatsTests", dependencies: ["ValueFormats"]),
        .testTarget(name: "CodeGeneratorTests", dependencies: ["CodeGenerator", "SchemaModel", "APIContract", "loom"]),
        .testTarget(
            name: "RuntimeTests",
            dependencies: [
                "Runtime", "QueryGrammar",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        /// Test helpers shared by test targets (a self-signed certificate).
        .target(
            name: "TestSupport",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "AuthTests",
            dependencies: [
                "Auth", "Runtime", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Runtime", "Generated", "Auth", "Webhooks", "CodeGenerator", "SchemaModel", "APIContract", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ]
)
