// swift-tools-version: 6.2
import PackageDescription

/// A typed Swift client for the tracker app, generated at build time by swift-openapi-generator's
/// build plugin from the tracker's published document (`Sources/TrackerClientExample/openapi.json`,
/// a link to `Generated/Tracker/openapi.json`), and an example that uses it against a live server.
let package = Package(
    name: "TrackerClient",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tracker-client-example", targets: ["TrackerClientExample"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.4.0"),
        // HTTPRequest in the authentication middleware; already a dependency of the runtime.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
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
    ]
)
