/// The RFC 9457 `type` of an error body: `urn:loom:problem:<code in kebab case>`
/// (`VALIDATION_ERROR` → `urn:loom:problem:validation-error`), written by the runtime and shown
/// by the document's error examples.
public enum ProblemType {
    /// The `type` of an error answered with `code`.
    public static func uri(code: String) -> String {
        "urn:loom:problem:" + String(code.lowercased().map { $0 == "_" ? "-" : $0 })
    }
}
