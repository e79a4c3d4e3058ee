import Foundation

/// A short string that a document's `pattern` matches, for examples: the fewest repetitions each
/// quantifier allows, the first alternative of each choice, characters drawn from each class.
///
/// It reads the subset of regular expressions schemas use (literals, escapes, bracket classes
/// with ranges and negation, groups, alternation, quantifiers, anchors) and gives up (`nil`) on
/// anything else (look-arounds, back-references, word boundaries); a candidate is returned only
/// when the pattern, searched as JSON Schema does, matches it.
struct PatternExample {
    private let scalars: [Unicode.Scalar]
    private var position = 0
    /// How many characters each class (by its position) gave so far: the repetitions of one class
    /// differ, so a 22-character key does not read as one letter repeated.
    private var draws: [Int: Int] = [:]

    /// The example for `pattern`, or `nil` when it uses what this reader does not or the result
    /// does not match.
    static func string(matching pattern: String) -> String? {
        var reader = PatternExample(scalars: Array(pattern.unicodeScalars))
        guard let candidate = reader.alternation(), reader.position == reader.scalars.count,
            let expression = try? NSRegularExpression(pattern: pattern)
        else { return nil }
        let range = NSRange(candidate.startIndex..<candidate.endIndex, in: candidate)
        return expression.firstMatch(in: candidate, range: range) == nil ? nil : candidate
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private mutating func next() -> Unicode.Scalar? {
        guard let scalar = current else { return nil }
        position += 1
        return scalar
    }

    /// `a|b|c`: the first alternative; the others are read and dropped.
    private mutating func alternation() -> String? {
        guard let first = sequence() else { return nil }
        while current == "|" {
            position += 1
            guard sequence() != nil else { return nil }
        }
        return first
    }

    private mutating func sequence() -> String? {
        var output = ""
        while let scalar = current, scalar != "|", scalar != ")" {
            let start = position
            guard let text = atom() else { return nil }
            guard let count = quantifier() else { return nil }
            if count == 0 { continue }
            output += text
            let end = position
            for _ in 1..<max(count, 1) {
                // Repeat the atom's text by reading it again, so each repetition draws new characters.
                let resume = position
                position = start
                guard let again = atom() else { return nil }
                output += again
                position = resume
            }
            position = end
        }
        return output
    }

    /// `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (each optionally lazy): the fewest repetitions.
    private mutating func quantifier() -> Int? {
        let count: Int
        switch current {
        case "*": position += 1; count = 0
        case "+": position += 1; count = 1
        case "?": position += 1; count = 0
        case "{":
            let start = position
            position += 1
            var digits = ""
            while let scalar = current, scalar.properties.numericType != nil, scalar.isASCII {
                digits.unicodeScalars.append(scalar)
                position += 1
            }
            guard let minimum = Int(digits) else {
                position = start
                return 1
            }
            while let scalar = current, scalar != "}" { position += 1 }
            guard next() == "}" else { return nil }
            count = minimum
        default:
            return 1
        }
        if current == "?" { position += 1 }
        return count
    }

    private mutating func atom() -> String? {
        guard let scalar = next() else { return nil }
        switch scalar {
        case "^", "$": return ""
        case ".": return "a"
        case "(":
            if current == "?" {
                position += 1
                switch next() {
                case ":": break
                case "<", "P":
                    if scalars[position - 1] == "P" { guard next() == "<" else { return nil } }
                    while let name = current, name != ">" { position += 1 }
                    guard next() == ">" else { return nil }
                default: return nil
                }
            }
            guard let inner = alternation(), next() == ")" else { return nil }
            return inner
        case "[": return characterClass()
        case "\\": return escape().map { String($0) }
        case "*", "+", "?", "{", ")": return nil
        default: return String(scalar)
        }
    }

    /// An escape outside a class: a shorthand class stands for one of its characters.
    private mutating func escape() -> Unicode.Scalar? {
        guard let scalar = next() else { return nil }
        switch scalar {
        case "d": return "7"
        case "D", "W", "S": return "a"
        case "w": return "a"
        case "s": return " "
        case "b", "B", "k", "1", "2", "3", "4", "5", "6", "7", "8", "9", "p", "P", "c": return nil
        default: return literal(escaped: scalar)
        }
    }

    /// `\n`, `\t`, `\uXXXX`, `\xHH` and escaped punctuation.
    private mutating func literal(escaped scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "f": return "\u{0C}"
        case "v": return "\u{0B}"
        case "0": return "\u{0}"
        case "u": return hex(digits: 4)
        case "x": return hex(digits: 2)
        default: return scalar.properties.isAlphabetic ? nil : scalar
        }
    }

    private mutating func hex(digits: Int) -> Unicode.Scalar? {
        guard position + digits <= scalars.count else { return nil }
        var text = ""
        for scalar in scalars[position..<position + digits] { text.unicodeScalars.append(scalar) }
        position += digits
        return UInt32(text, radix: 16).flatMap(Unicode.Scalar.init)
    }

    /// `[...]` or `[^...]`: a member (cycling through the class on each draw), or for a negated
    /// class the first letter or digit it leaves out.
    private mutating func characterClass() -> String? {
        let start = position
        var negated = false
        if current == "^" {
            negated = true
            position += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while let scalar = next() {
            if scalar == "]" && !first { break }
            first = false
            let low: UInt32
            if scalar == "\\" {
                guard let escaped = next() else { return nil }
                switch escaped {
                case "d": ranges.append(48...57); continue
                case "w": ranges += [48...57, 65...90, 97...122, 95...95]; continue
                case "s": ranges += [9...13, 32...32]; continue
                case "D", "W", "S", "p", "P", "b": return nil
                default:
                    guard let value = literal(escaped: escaped) else { return nil }
                    low = value.value
                }
            } else {
                low = scalar.value
            }
            if current == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                position += 1
                guard var high = next() else { return nil }
                if high == "\\" {
                    guard let escaped = next(), let value = literal(escaped: escaped) else { return nil }
                    high = value
                }
                guard high.value >= low else { return nil }
                ranges.append(low...high.value)
            } else {
                ranges.append(low...low)
            }
        }
        guard scalars[position - 1] == "]" else { return nil }
        if negated {
            let candidates = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".unicodeScalars
            return candidates.first { candidate in !ranges.contains { $0.contains(candidate.value) } }.map { String($0) }
        }
        let total = ranges.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound) + 1 }
        guard total > 0 else { return nil }
        let draw = draws[start, default: 0]
        draws[start] = draw + 1
        var index = (draw * 17) % total
        for range in ranges {
            let size = Int(range.upperBound - range.lowerBound) + 1
            if index < size { return Unicode.Scalar(range.lowerBound + UInt32(index)).map { String($0) } }
            index -= size
        }
        return nil
    }
}
