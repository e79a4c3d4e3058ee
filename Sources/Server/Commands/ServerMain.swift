import ArgumentParser
import Foundation
import Logging
import NIOCore
import NIOPosix

/// The entry point of `loom-server`: sets up the allocator (`AllocatorSettings`), logging and the executor, then runs
/// `LoomServerCommand`.
///
/// Executor: Swift's default (the cooperative pool) unless `LOOM_EVENT_LOOP_EXECUTOR=1`, which
/// makes NIO's event loops Swift Concurrency's global executor
/// (`NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor`).
/// The event-loop executor saves the thread switch between the loop that read a request and
/// the task that answers it, but every continuation resumed by a database thread then lands on
/// a loop that is also doing I/O, and any handler that blocks stalls the connections of its
/// loop. Measured A/B on the same binary (Benchmarks/README.md, "Executor A/B"): with the key
/// reads on their own connections, the default executor used the same or less CPU per request
/// on every endpoint (POST about 20 % less) and served more requests per second, and the event
/// loops won only the one-connection round trip, by less than the noise between runs. So the
/// default executor is the default; the event loops stay one variable away for re-measuring.
@main
enum ServerMain {
    /// Bootstraps logging, installs the executor when asked, and runs the command line.
    static func main() async {
        AllocatorSettings.apply(environment: ProcessInfo.processInfo.environment)
        LoggingSystem.bootstrap { label in DeferredMetadataLogHandler(label: label, metadataProvider: nil) }
        if ProcessInfo.processInfo.environment["LOOM_EVENT_LOOP_EXECUTOR"] == "1" {
            _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
        await LoomServerCommand.main()
    }
}
