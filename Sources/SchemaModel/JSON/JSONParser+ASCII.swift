extension JSONParser {
    /// ASCII bytes the parser compares against.
    enum ASCII {
        /// The byte of space.
        static let space = UInt8(ascii: " ")
        /// The byte of tab.
        static let tab = UInt8(ascii: "\t")
        /// The byte of line feed.
        static let newline = UInt8(ascii: "\n")
        /// The byte of carriage return.
        static let carriageReturn = UInt8(ascii: "\r")
        /// The byte of `{`.
        static let openBrace = UInt8(ascii: "{")
        /// The byte of `}`.
        static let closeBrace = UInt8(ascii: "}")
        /// The byte of `[`.
        static let openBracket = UInt8(ascii: "[")
        /// The byte of `]`.
        static let closeBracket = UInt8(ascii: "]")
        /// The byte of `:`.
        static let colon = UInt8(ascii: ":")
        /// The byte of `,`.
        static let comma = UInt8(ascii: ",")
        /// The byte of `"`.
        static let quote = UInt8(ascii: "\"")
        /// The byte of `\`.
        static let backslash = UInt8(ascii: "\\")
        /// The byte of `/`.
        static let slash = UInt8(ascii: "/")
        /// The byte of `-`.
        static let minus = UInt8(ascii: "-")
        /// The byte of `+`.
        static let plus = UInt8(ascii: "+")
        /// The byte of `.`.
        static let dot = UInt8(ascii: ".")
        /// The byte of `0`.
        static let zero = UInt8(ascii: "0")
        /// The byte of `9`.
        static let nine = UInt8(ascii: "9")

        /// Whether `byte` is an ASCII digit.
        static func isDigit(_ byte: UInt8) -> Bool { byte >= zero && byte <= nine }

        /// Whether `byte` is an ASCII letter or digit.
        static func isLetterOrDigit(_ byte: UInt8) -> Bool {
            isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
        }
    }
}
