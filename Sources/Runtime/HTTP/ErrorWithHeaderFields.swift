import HTTPTypes
import Hummingbird

/// An error that is not (yet) an `APIError`, carrying header fields its answer must have:
/// `RateLimitMiddleware` wraps what it cannot annotate itself (Hummingbird's 404 for an unknown
/// path, a database failure) so the answer `LoomMiddleware` renders from it still carries the
/// rate-limit fields every limited answer has.
public struct ErrorWithHeaderFields: Error, Sendable {
    /// The error as thrown.
    public let error: any Error
    /// Fields added to the answer rendered from it.
    public let fields: HTTPFields

    /// Wraps `error` with `fields`.
    public init(error: any Error, fields: HTTPFields) {
        self.error = error
        self.fields = fields
    }
}

extension ErrorWithHeaderFields {
    /// The answer of `next` with `fields` appended, whether it returns a response or throws: an
    /// `APIError` gets them directly, anything else (Hummingbird's 404, a database failure) is
    /// wrapped so the answer `LoomMiddleware` renders from it carries them. For middleware whose
    /// fields belong on every answer, errors included (CORS, rate limits).
    public static func appending(_ fields: HTTPFields, to next: () async throws -> Response) async throws -> Response {
        do {
            var response = try await next()
            response.headers.append(contentsOf: fields)
            return response
        } catch var error as APIError {
            error.headers.append(contentsOf: fields)
            throw error
        } catch {
            throw ErrorWithHeaderFields(error: error, fields: fields)
        }
    }
}
