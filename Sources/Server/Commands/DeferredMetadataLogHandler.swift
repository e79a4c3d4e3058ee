import Logging

/// swift-log's `StreamLogHandler` on standard error (the same output), with the metadata kept
/// as a dictionary until a message is actually written.
///
/// Why: `StreamLogHandler` formats its metadata into text every time the metadata changes, and
/// Hummingbird attaches a request id to the logger of every request, so every request paid
/// for that formatting (the id's description, the pretty-printed metadata) even when nothing
/// is logged: about 2 % of the server's CPU time on `GET /<table>/{id}` in `perf record`
/// (see `Benchmarks/README.md`). Here the text is built only for messages that pass the level.
struct DeferredMetadataLogHandler: LogHandler {
    private var stream: StreamLogHandler
    /// The logger's metadata, formatted only when a message is written.
    var metadata: Logger.Metadata = [:]

    /// The handler `LoggingSystem.bootstrap` makes for each logger label (no metadata provider,
    /// like swift-log's default bootstrap).
    init(label: String, metadataProvider: Logger.MetadataProvider?) {
        stream = StreamLogHandler.standardError(label: label, metadataProvider: metadataProvider)
    }

    /// The lowest level written.
    var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    /// Adds metadata to every message (task-local values, for example).
    var metadataProvider: Logger.MetadataProvider? {
        get { stream.metadataProvider }
        set { stream.metadataProvider = newValue }
    }

    /// One metadata value.
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes the message as `StreamLogHandler` does, with the metadata formatted now.
    func log(event: LogEvent) {
        var stream = self.stream
        if !metadata.isEmpty { stream.metadata = metadata }
        stream.log(event: event)
    }
}
