// swift-tools-version: 6.2
import PackageDescription

/// Typed Swift clients generated at build time by swift-openapi-generator's build plugin from the
/// apps' published documents, and an example program per app that uses its client against a live
/// server. One package, so CI builds the generator's dependency set once for every example:
/// - `tracker-client-example`: `Sources/TrackerClientExample/openapi.json`, a link to
///   `Generated/Tracker/openapi.json`;
/// - `stationthis-client-example`: `Sources/StationthisClientExample/openapi.json`, a link to
///   `Generated/Stationthis/openapi.json`.
let package = Package(
    name: "Clients",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tracker-client-example", targets: ["TrackerClientExample"]),
        .executable(name: "stationthis-client-example", targets: ["StationthisClientExample"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.4.0"),
        // HTTPRequest in the authentication middleware; already a dependency of the runtime.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // HMAC-SHA256, to verify a webhook's signature (CryptoKit's API, on Linux too).
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        .executableTarget(
            name: "TrackerClientExample",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            plugins: [
                .plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator"),
            ]
        ),
        .executableTarget(
            name: "StationthisClientExample",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: [
                .plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator"),
            ]
        ),
    ]
)
