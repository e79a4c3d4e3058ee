import APIContract
import Testing

@testable import SchemaModel

/// `auth.ids` names the resources of `APIContract`'s `ResourceKind`: the parser's key list and the
/// contract's enumeration are two spellings of one fact, so this test fails when they drift.
@Suite("auth.ids keys")
struct ResourceIDKeysTests {
    @Test("the keys auth.ids accepts are the resource kinds, in order")
    func keysMatchKinds() {
        #expect(SchemaKeys.authIDs.accepted == ResourceKind.allCases.map(\.rawValue))
    }
}
