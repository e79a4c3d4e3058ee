import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `loom-server` child of `loom dev`: started with the same arguments (so on the same
/// database) each time, ready once its readiness probe answers 200, stopped with SIGTERM before
/// the next one starts and when `loom dev` itself is interrupted.
final class ServerProcess: DevServerLauncher, @unchecked Sendable {
    // @unchecked Sendable: `process` is the only mutable state and every access holds `lock`
    // (the signal handler stops the server from another thread).
    private let lock = NSLock()
    private var process: Process?

    /// `serve ...` as the server is started.
    let arguments: [String]
    /// The port those arguments name.
    let port: Int
    /// The working directory (the repository root: the default SQLite file is relative to it).
    let root: URL
    /// The path that answers 200 once the server is ready (the app's readiness probe), or `nil`
    /// when the app serves none: then accepting connections is ready.
    let readyPath: String?
    /// Seconds a new server gets to become ready before it counts as failed.
    let readyTimeout: Double

    init(arguments: [String], port: Int, root: URL, readyPath: String?, readyTimeout: Double) {
        self.arguments = arguments
        self.port = port
        self.root = root
        self.readyPath = readyPath
        self.readyTimeout = readyTimeout
    }

    func start(_ binary: URL) -> DevLaunchResult {
        if Self.accepts(port: port) {
            return .failed("port \(port) is taken by another process; stop it or pass --port")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        do {
            try Self.withSignalsUnblocked { try process.run() }
        } catch {
            return .failed("could not run \(binary.path): \(error)")
        }
        lock.withLock { self.process = process }
        let deadline = Date().addingTimeInterval(readyTimeout)
        while Date() < deadline {
            if !process.isRunning {
                process.waitUntilExit()
                return .failed("it exited with status \(process.terminationStatus) before it was ready (its output is above)")
            }
            if let readyPath {
                if Self.status(port: port, path: readyPath) == 200 { return .serving("http://127.0.0.1:\(port)") }
            } else if Self.accepts(port: port) {
                return .serving("http://127.0.0.1:\(port)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        stop()
        let bound = String(format: "%.1f s", readyTimeout)
        return .failed(readyPath.map { "it did not answer \($0) with 200 within \(bound) (stopped)" } ?? "it did not accept a connection within \(bound) (stopped)")
    }

    func takeExit() -> String? {
        lock.withLock { () -> String? in
            guard let process = self.process, !process.isRunning else { return nil }
            self.process = nil
            return process.terminationReason == .uncaughtSignal
                ? "was killed by signal \(process.terminationStatus)" : "exited with status \(process.terminationStatus)"
        }
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

    /// Runs `body` (which starts a child) with no signal blocked in this thread: a child inherits
    /// the starting thread's mask, and a worker thread (Dispatch, a test runner) blocks SIGTERM,
    /// which would leave a server that `stop()` cannot stop.
    private static func withSignalsUnblocked<Result>(_ body: () throws -> Result) rethrows -> Result {
        var none = sigset_t()
        var previous = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func accepts(port: Int) -> Bool {
        guard let descriptor = connected(port: port) else { return false }
        close(descriptor)
        return true
    }

    /// The status code of `GET path` on 127.0.0.1:`port`, or `nil` when nothing answers (in 2 s).
    static func status(port: Int, path: String) -> Int? {
        guard let descriptor = connected(port: port) else { return nil }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(descriptor, $0.baseAddress, $0.count, 0) }) == request.count else { return nil }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while !received.contains(UInt8(ascii: "\n")) {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        // "HTTP/1.1 200 OK"
        let statusLine = String(decoding: received.prefix { $0 != UInt8(ascii: "\r") }, as: UTF8.self).split(separator: " ")
        return statusLine.count >= 2 ? Int(statusLine[1]) : nil
    }

    /// A socket connected to 127.0.0.1:`port`, or `nil`.
    private static func connected(port: Int) -> Int32? {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(descriptor)
            return nil
        }
        return descriptor
    }
}
