import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `loom-server` child of `loom dev`: stopped with SIGTERM before a new build starts serving,
/// and when `loom dev` itself is interrupted.
final class ServerProcess: @unchecked Sendable {
    private let lock = NSLock()
    private var process: Process?

    /// Stops the running server (SIGTERM, then SIGKILL after 10 s) and starts `binary` with
    /// `arguments`, which make it listen on `port`; returns `port` once it accepts connections,
    /// or `nil` when it exited.
    func restart(binary: URL, arguments: [String], port: Int, root: URL) -> Int? {
        stop()
        if Self.accepts(port: port) {
            Console.line("port \(port) is taken by another process; stop it or pass --port")
            return nil
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        do {
            try process.run()
        } catch {
            Console.line("could not start \(binary.path): \(error)")
            return nil
        }
        lock.withLock { self.process = process }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if !process.isRunning { return nil }
            if Self.accepts(port: port) { return process.isRunning ? port : nil }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return port
    }

    /// SIGTERM to the running server, and waits for it to exit (SIGKILL after 10 s).
    func stop() {
        guard let process = lock.withLock({ () -> Process? in defer { self.process = nil }; return self.process }), process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// On SIGINT or SIGTERM: stop the server, then exit. Cancel the returned sources to undo.
    func stopOnInterrupt() -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                Console.line("\nloom dev: stopping the server")
                stop()
                exit(0)
            }
            source.resume()
            return source
        }
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func accepts(port: Int) -> Bool {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return result == 0
    }
}
