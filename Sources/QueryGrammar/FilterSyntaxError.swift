/// Why a filter (or sort) text was rejected, with the character offset where it went wrong.
///
/// The message is written for the API client and never echoes more than a short excerpt of
/// the input, so a hostile filter cannot blow up the error body.
public struct FilterSyntaxError: Error, Sendable, Hashable {
    /// Machine-readable reasons.
    public enum Code: String, Sendable, Hashable {
        case tooLong = "too_long"
        case tooDeep = "too_deep"
        case tooManyTerms = "too_many_terms"
        case unexpectedCharacter = "unexpected_character"
        case unterminatedString = "unterminated_string"
        case invalidNumber = "invalid_number"
        case invalidPattern = "invalid_pattern"
        case unexpectedToken = "unexpected_token"
        case unexpectedEnd = "unexpected_end"
        case invalidPath = "invalid_path"
        case empty
    }

    /// The reason.
    public let code: Code
    /// Human-readable explanation, including the position.
    public let message: String
    /// Zero-based offset in Unicode scalars.
    public let offset: Int

    /// Creates an error.
    public init(_ code: Code, _ message: String, offset: Int) {
        self.code = code
        self.message = message
        self.offset = offset
    }
}
