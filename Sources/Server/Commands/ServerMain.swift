import ArgumentParser
import Foundation
import NIOCore
import NIOPosix

/// The entry point of `loom-server`: makes NIO's event loops Swift Concurrency's global
/// executor, then runs `LoomServerCommand`.
///
/// Why: Hummingbird reads a request on an event loop and runs its handler in a task. With the
/// default executor that task runs on another thread (Swift's cooperative pool) and the
/// response hops back to the event loop to be written: two thread switches per request, on a
/// small machine a large share of the cost of a small response. With the event loops as the
/// executor, the handler runs where the bytes arrived (the pattern NIO documents for
/// `NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor`).
///
/// Consequence for handlers: any task can now run on an event loop, so blocking work must be
/// handed to a thread of its own. Loom's database work already is (GRDB's dispatch queues),
/// except primary-key reads, which are bounded and never wait (see `SQLiteKeyReader`).
/// Set `LOOM_DEFAULT_EXECUTOR=1` to keep Swift's default executor (for A/B measurements, or
/// for custom handlers that block).
@main
enum ServerMain {
    /// Installs the executor (unless opted out) and runs the command line.
    static func main() async {
        if ProcessInfo.processInfo.environment["LOOM_DEFAULT_EXECUTOR"] != "1" {
            _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
        await LoomServerCommand.main()
    }
}
