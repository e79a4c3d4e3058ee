/// "Did you mean" hints for misspelled keys, types and names.
enum Suggestion {
    /// The candidate closest to `word` by case-insensitive edit distance, if it is close
    /// enough to be a plausible typo (at most a third of the word's length, at least 1).
    static func closest(to word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let limit = max(1, max(word.count, best.candidate.count) / 3)
        return best.distance <= limit ? best.candidate : nil
    }

    /// `use one of a, b, c (did you mean "b"?)`, the standard tail of "unknown X" messages.
    static func useOneOf(_ candidates: [String], for word: String) -> String {
        if candidates.isEmpty { return "there is nothing to choose from" }
        var text = "use one of \(candidates.joined(separator: ", "))"
        if let closest = closest(to: word, among: candidates) { text += " (did you mean \"\(closest)\"?)" }
        return text
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of neighbours
    /// (optimal string alignment), by Unicode scalar; a swap such as "nmae" is one typo.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs.unicodeScalars)
        let right = Array(rhs.unicodeScalars)
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        var beforePrevious = Array(repeating: 0, count: right.count + 1)
        var previous = Array(0...right.count)
        var current = Array(repeating: 0, count: right.count + 1)
        for leftIndex in 1...left.count {
            current[0] = leftIndex
            for rightIndex in 1...right.count {
                let cost = left[leftIndex - 1] == right[rightIndex - 1] ? 0 : 1
                var distance = min(
                    previous[rightIndex - 1] + cost, previous[rightIndex] + 1, current[rightIndex - 1] + 1)
                if leftIndex > 1, rightIndex > 1, left[leftIndex - 1] == right[rightIndex - 2],
                    left[leftIndex - 2] == right[rightIndex - 1]
                {
                    distance = min(distance, beforePrevious[rightIndex - 2] + 1)
                }
                current[rightIndex] = distance
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[right.count]
    }
}
