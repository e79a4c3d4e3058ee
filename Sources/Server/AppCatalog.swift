import Generated
import Runtime

/// Pairs each generated app with the handwritten handlers of its custom endpoints.
///
/// When you add an app under `Schemas/`, add it here: the compiler then asks for its
/// handlers protocol to be implemented.
enum AppCatalog {
    /// App names served by this binary, sorted.
    static let names = LoomProject.appNames

    /// Builds the app called `name`. `eventSettleInterval` lets tests hand out events at once.
    static func app(named name: String, eventSettleInterval: Double = EventflowHandlersImplementation.defaultSettleInterval) throws -> GeneratedApp {
        switch name {
        case "bench": return Bench.app()
        case "tracker": return Tracker.app(handlers: TrackerHandlersImplementation())
        case "layout": return Layout.app()
        case "eventflow": return Eventflow.app(handlers: EventflowHandlersImplementation(settleInterval: eventSettleInterval))
        default: throw UnknownAppError(name: name)
        }
    }
}

/// An app name with no entry in `AppCatalog`.
struct UnknownAppError: Error, CustomStringConvertible {
    /// The requested name.
    let name: String
    var description: String { "no app named \(name) is compiled into this server; add it to AppCatalog" }
}
