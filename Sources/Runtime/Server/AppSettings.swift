/// An app's conventions from its `app.json`, as the runtime uses them.
public struct AppSettings: Sendable {
    /// App name (`tracker`).
    public let name: String
    /// Base path of generated routes (`/v1`).
    public let basePath: String
    /// Error body format.
    public let errorFormat: ErrorBodyFormat
    /// Largest accepted request body.
    public let maxBodyBytes: Int
    /// List paging limits.
    public let pageLimits: PageLimits
    /// Most operations in one batch request.
    public let maxBatchSize: Int

    /// Creates settings.
    public init(
        name: String, basePath: String, errorFormat: ErrorBodyFormat, maxBodyBytes: Int, pageLimits: PageLimits,
        maxBatchSize: Int = 100
    ) {
        self.name = name
        self.basePath = basePath
        self.errorFormat = errorFormat
        self.maxBodyBytes = maxBodyBytes
        self.pageLimits = pageLimits
        self.maxBatchSize = maxBatchSize
    }
}
