/// The statements of one write transaction, some of which are worked out from what earlier ones
/// returned: a write hook's outbox or audit row needs the record the `INSERT ... RETURNING` gave
/// back, and a registration's credential row needs the key the record got.
///
/// A plan is a list of steps. A step is either fixed statements or a derivation: a synchronous,
/// pure function from the results so far to more statements (no I/O: on SQLite it runs on the
/// writer's thread inside the transaction). A derivation may also throw to abandon the whole
/// transaction, which is how a plan asserts something about an earlier result ("the old key was
/// still live") without a second round trip. `DatabaseClient.write(_:)` runs every step in order,
/// in one transaction, all or nothing; nothing is acknowledged before it has committed.
public struct WritePlan: Sendable {
    /// Identifies a step, to find its results in `WriteResults`.
    public struct Step: Sendable, Hashable {
        /// The step's position in the plan.
        let index: Int
    }

    /// Works out statements from the results of the steps before it.
    public typealias Derivation = @Sendable (_ earlier: WriteResults) throws -> [SQLStatement]

    /// What one step holds.
    enum Content: Sendable {
        case statements([SQLStatement])
        case derived(Derivation)
    }

    /// The steps in order.
    private(set) var contents: [Content] = []

    /// An empty plan.
    public init() {}

    /// A plan of fixed statements, one step.
    public init(_ statements: [SQLStatement]) {
        contents = [.statements(statements)]
    }

    /// Whether the plan holds no step.
    public var isEmpty: Bool { contents.isEmpty }

    /// Adds fixed statements as one step.
    @discardableResult
    public mutating func add(_ statements: [SQLStatement]) -> Step {
        contents.append(.statements(statements))
        return Step(index: contents.count - 1)
    }

    /// Adds one fixed statement as one step.
    @discardableResult
    public mutating func add(_ statement: SQLStatement) -> Step {
        add([statement])
    }

    /// Adds a step whose statements are worked out from the results of the steps before it.
    @discardableResult
    public mutating func derive(_ derivation: @escaping Derivation) -> Step {
        contents.append(.derived(derivation))
        return Step(index: contents.count - 1)
    }

    /// Appends every step of `other`, returning the handles of its steps in this plan.
    public mutating func append(_ other: WritePlan) {
        contents += other.contents
    }

    /// Runs the plan on a database connection: `run` executes one statement. Engines call this
    /// inside their transaction (SQLite: synchronously on the writer; PostgreSQL: see
    /// `runAsync`), so both resolve derivations the same way.
    func run(_ execute: (SQLStatement) throws -> WriteResult) throws -> WriteResults {
        var results = WriteResults(steps: [])
        results.steps.reserveCapacity(contents.count)
        for content in contents {
            let statements = try statements(of: content, after: results)
            results.steps.append(try statements.map(execute))
        }
        return results
    }

    /// `run` for engines whose statements are asynchronous.
    func runAsync(_ execute: (SQLStatement) async throws -> WriteResult) async throws -> WriteResults {
        var results = WriteResults(steps: [])
        results.steps.reserveCapacity(contents.count)
        for content in contents {
            var stepResults: [WriteResult] = []
            for statement in try statements(of: content, after: results) {
                stepResults.append(try await execute(statement))
            }
            results.steps.append(stepResults)
        }
        return results
    }

    private func statements(of content: Content, after results: WriteResults) throws -> [SQLStatement] {
        switch content {
        case .statements(let statements): return statements
        case .derived(let derivation): return try derivation(results)
        }
    }
}

/// The results of a plan's statements, by step.
public struct WriteResults: Sendable {
    /// One array per step, one result per statement of the step.
    var steps: [[WriteResult]]

    /// The results of the statements of `step`, in order (empty for a derivation that added none).
    public subscript(step: WritePlan.Step) -> [WriteResult] { steps[step.index] }

    /// The first result of `step`: the one statement of a single-statement step.
    public func first(_ step: WritePlan.Step) -> WriteResult? { steps[step.index].first }

    /// Every result in execution order.
    public var all: [WriteResult] { steps.flatMap { $0 } }
}
