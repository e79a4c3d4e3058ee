/// Checks the `metrics` section of `app.json`: a port in range and a host with no spaces.
enum MetricsRules {
    /// Runs the rules on `app`.
    static func check(_ app: AppSchema, diagnostics: DiagnosticCollector) {
        guard let metrics = app.config.metrics else { return }
        let file = app.config.file
        if !(0...65_535).contains(metrics.port) {
            diagnostics.error(.invalidMetrics, file: file, path: "metrics.port", "\"port\" must be between 0 (any free port) and 65535, found \(metrics.port)")
        }
        if metrics.host.isEmpty || metrics.host.contains(where: \.isWhitespace) {
            diagnostics.error(
                .invalidMetrics, file: file, path: "metrics.host", "\"host\" must be an address to listen on, such as \"127.0.0.1\", found \(ValueText.quoted(metrics.host))")
        }
    }
}
