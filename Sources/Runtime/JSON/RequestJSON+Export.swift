/// The request-body JSON (`JSONInput`, `JSONInputParser`) lives in the dependency-free target
/// `RequestJSON` so that its fuzzer compiles nothing else; generated code, `Auth` and handlers
/// keep reaching it through `Runtime`.
@_exported import RequestJSON
