import Foundation
import Generated
import Runtime
import Webhooks

/// The apps this binary serves: the generated catalog (`LoomProject.app(named:handlers:)`)
/// with the handwritten handlers of the apps that have custom endpoints.
///
/// An app added under `Schemas/` without custom endpoints needs no Swift at all; one with
/// custom endpoints gets a member in `ServerHandlers`, which the compiler asks for.
enum AppCatalog {
    /// App names served by this binary, sorted.
    static let names = LoomProject.appNames

    /// Builds the app called `name`. `eventSettleInterval` lets tests hand out events at once.
    /// `allowLoopbackTargets`: handlers accept delivery URLs on loopback addresses (tests, local
    /// development), as `LOOM_WEBHOOKS_ALLOW_LOOPBACK=1` lets deliveries reach them.
    static func app(
        named name: String, eventSettleInterval: Double = EventflowHandlersImplementation.defaultSettleInterval,
        allowLoopbackTargets: Bool = ProcessInfo.processInfo.environment[WebhookOptions.allowLoopbackVariable] == "1"
    ) throws -> GeneratedApp {
        let handlers = ServerHandlers(eventSettleInterval: eventSettleInterval, allowLoopbackTargets: allowLoopbackTargets)
        guard let app = LoomProject.app(named: name, handlers: handlers) else {
            throw UnknownAppError(name: name, known: names)
        }
        return app
    }
}

/// The handwritten handlers of every app with custom endpoints (`Sources/Server/Handlers/<App>/`).
struct ServerHandlers: LoomProjectHandlers {
    /// How long EventFlow waits before handing out a new event (0 in tests).
    let eventSettleInterval: Double
    /// Whether callback URLs on loopback addresses are accepted.
    var allowLoopbackTargets = false

    var eventflow: any EventflowHandlers { EventflowHandlersImplementation(settleInterval: eventSettleInterval) }
    var tracker: any TrackerHandlers { TrackerHandlersImplementation() }
    var sovrium: any SovriumHandlers { SovriumHandlersImplementation() }
    var stationthis: any StationthisHandlers {
        StationthisHandlersImplementation(addressGuard: AddressGuard(allowLoopback: allowLoopbackTargets))
    }
}

/// An app name no schema generated.
struct UnknownAppError: Error, CustomStringConvertible {
    /// The requested name.
    let name: String
    /// The names that were generated.
    let known: [String]
    var description: String {
        "no app named \(name) is generated into this server (apps: \(known.joined(separator: ", "))); "
            + "add Schemas/\(name)/app.json (or run `swift run loom new \(name)`), then `swift run loom generate`"
    }
}
