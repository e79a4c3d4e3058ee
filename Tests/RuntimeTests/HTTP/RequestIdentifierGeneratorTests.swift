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

    @Test("time-ordered ids are version 7 UUIDs that sort by their millisecond, unique within one")
    func timeOrderedIDs() {
        let generator = RequestIdentifierGenerator(seed: 9)
        let start: Int64 = 1_767_225_600_000
        var ids: [String] = []
        for step in 0..<2_000 { ids.append(generator.nextTimeOrdered(milliseconds: start + Int64(step / 10), dashes: true)) }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let bytes = UUID(uuidString: id)?.uuid
            #expect(bytes.map { $0.6 >> 4 } == 7)  // version 7
            #expect(bytes.map { $0.8 >> 6 } == 2)  // RFC 4122 variant
            #expect(id == id.lowercased())
        }
        // Ids of a later millisecond sort after every id of an earlier one.
        for (earlier, later) in zip(ids, ids.dropFirst(10)) { #expect(earlier < later) }
        #expect(ids[0].hasPrefix(String(start, radix: 16).leftPadded(to: 12).prefix(8)))
        let hex = UniqueIdentifiers.timeOrderedHex(at: start)
        #expect(hex.count == 32 && hex.allSatisfy(\.isHexDigit) && hex == hex.lowercased())
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
