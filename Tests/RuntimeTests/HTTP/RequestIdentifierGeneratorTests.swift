import Foundation
import Testing

@testable import Runtime

/// New request ids are random-looking version 4 UUIDs, unique, in lowercase text.
@Suite("Request id generator")
struct RequestIdentifierGeneratorTests {
    @Test("ids are lowercase version 4 UUID text and never repeat")
    func idsAreUniqueUUIDs() {
        let generator = RequestIdentifierGenerator(seed: 42)
        var seen = Set<String>()
        for _ in 0..<20_000 {
            let id = generator.next()
            #expect(id.count == 36)
            #expect(id == id.lowercased())
            let uuid = UUID(uuidString: id)
            #expect(uuid != nil)
            let bytes = uuid?.uuid
            #expect(bytes.map { $0.6 >> 4 } == 4)  // version 4
            #expect(bytes.map { $0.8 >> 6 } == 2)  // RFC 4122 variant
            seen.insert(id)
        }
        #expect(seen.count == 20_000)
    }

    @Test("two generators with different seeds give different ids, the shared one differs per call")
    func seedsMatter() {
        #expect(RequestIdentifierGenerator(seed: 1).next() != RequestIdentifierGenerator(seed: 2).next())
        #expect(RequestIdentifierGenerator(seed: 7).next() == RequestIdentifierGenerator(seed: 7).next())
        #expect(RequestIdentifier.accepting(nil) != RequestIdentifier.accepting(nil))
    }
}
