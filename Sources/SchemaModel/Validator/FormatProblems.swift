import ValueFormats

/// Why a schema default is not in its field's format, in the generator's words; the formats
/// themselves are the runtime's (`ValueFormats`), so a default accepted here is accepted there.
enum FormatProblems {
    /// Why `string` is not in the format of `type` (a phrase following the quoted value), or
    /// `nil` when it is, or when the type has no format.
    static func problem(with string: String, for type: FieldType) -> String? {
        switch type {
        case .uuid:
            return ValueFormats.isUUID(string) ? nil : "is not a UUID such as \"123e4567-e89b-12d3-a456-426614174000\""
        case .date:
            return ValueFormats.isDate(string) ? nil : "is not a calendar date in the form YYYY-MM-DD, e.g. \"2024-01-31\""
        case .datetime:
            // Schema defaults are written in UTC (`Z`); request values may also carry an offset.
            return DateTimeText.parse(string)?.isZulu == true
                ? nil : "is not a UTC date-time such as \"2024-01-31T12:00:00Z\" or \"2024-01-31T12:00:00.000Z\""
        case .email:
            return ValueFormats.isEmail(string) ? nil : "is not an email address such as \"ada@example.com\""
        case .url:
            return ValueFormats.isHTTPURL(string) ? nil : "is not an absolute http or https URL such as \"https://example.com\""
        default:
            return nil
        }
    }
}
