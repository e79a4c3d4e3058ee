extension AdminConsole {
    /// The console's script (an ES module, no library): see `AdminConsole`. One module, kept in
    /// seven literals by concept and joined in this order (later parts use what earlier ones declare).
    static let script = [
        scriptFoundation, scriptSession, scriptFrame, scriptRecords, scriptKeysAndWebhooks, scriptMonitoring, scriptPlatform,
    ].joined(separator: "\n\n")
}
