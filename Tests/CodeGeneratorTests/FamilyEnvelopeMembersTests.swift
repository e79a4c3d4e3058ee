import APIContract
import SchemaModel
import Testing

/// The paging members a family page can write (`FamilyEnvelopes.PageMember`, APIContract) are the
/// list-envelope members an app can declare (`ListMetadata`, SchemaModel): the two modules do not
/// depend on each other, and the generator maps one onto the other by raw value, dropping any
/// member the other lacks. This fails when they drift.
@Suite("Family envelope members")
struct FamilyEnvelopeMembersTests {
    @Test("every declarable list member has a family page member of the same name, and no other")
    func sameMembers() {
        #expect(Set(ListMetadata.allCases.map(\.rawValue)) == Set(FamilyEnvelopes.PageMember.allCases.map(\.rawValue)))
    }
}
