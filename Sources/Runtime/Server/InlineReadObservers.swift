/// Several observers of inline key reads (the access log and the metrics), told in order.
struct InlineReadObservers: InlineReadObserver {
    let observers: [any InlineReadObserver]

    /// One observer, several, or `nil` for none (so the inline path keeps its single `nil` check).
    static func combining(_ observers: [any InlineReadObserver]) -> (any InlineReadObserver)? {
        switch observers.count {
        case 0: nil
        case 1: observers[0]
        default: InlineReadObservers(observers: observers)
        }
    }

    func answered(_ answer: InlineReadAnswer) {
        for observer in observers { observer.answered(answer) }
    }
}
