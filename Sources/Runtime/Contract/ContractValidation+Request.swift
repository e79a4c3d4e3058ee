import APIContract
import Hummingbird

extension ContractValidation {
    /// The request's JSON body validated as `body`; for a body the route declares optional, an
    /// empty request takes the defaults.
    ///
    /// Never inlined: inlined into a route handler, the optimizer of Swift 6.3.1 crashed
    /// (signal 11 while splitting that coroutine, `swift build -c release`). Debug builds were fine.
    @inline(never)
    public func decode(_ request: Request, as body: ContractBody, limit: Int) async throws -> ContractInput {
        let length = request.headers[.contentLength]
        let empty = length == "0" || (length == nil && request.headers[.contentType] == nil && request.headers[.transferEncoding] == nil)
        if empty, isOptional(body) { return try validate(.object([:]), as: body) }
        // A body sent without a length (chunked) that turns out empty counts as left out too.
        let json = try await RequestBody.json(request, limit: limit, emptyAs: isOptional(body) ? .object([:]) : nil)
        return try validate(json, as: body)
    }
}
