import APIContract
import Testing

@testable import Runtime

/// `EnvelopedRecord` and `EnvelopedList`: the answers of the key, audit and usage families in
/// the app's envelopes (`envelopes.families`), and Loom's own answers when the app names none.
@Suite("Family envelopes")
struct EnvelopedAnswerTests {
    static func text(_ value: some JSONWritable, naming: JSONNaming = .snakeCase) -> String {
        var writer = JSONWriter(naming: naming)
        value.writeJSON(to: &writer)
        return writer.string
    }

    @Test("Loom's own: the object itself, {items}, and {items, total, limit, offset}")
    func loom() {
        #expect(Self.text(EnvelopedRecord(7, in: .loom)) == "7")
        #expect(Self.text(EnvelopedList([1, 2], in: .loom)) == #"{"items":[1,2]}"#)
        #expect(Self.text(EnvelopedList([1, 2], page: .init(total: 5, limit: 2, offset: 0), in: .loom))
            == #"{"items":[1,2],"total":5,"limit":2,"offset":0}"#)
    }

    @Test("the app's envelopes: wrapped records, renamed items, paging members computed, nested and spelled in the app's style")
    func app() {
        let b2b = FamilyEnvelopes(wrap: "data", items: "data", members: [.total, .limit, .offset], families: [.apiKeys, .audit])
        #expect(Self.text(EnvelopedRecord(7, in: b2b.of(.apiKeys))) == #"{"data":7}"#)
        #expect(Self.text(EnvelopedRecord(7, in: b2b.of(.usage))) == "7")
        #expect(Self.text(EnvelopedList([1], in: b2b.of(.apiKeys))) == #"{"data":[1]}"#)
        let nested = FamilyEnvelopes(
            wrap: nil, items: "records", members: [.page, .totalPages, .hasNextPage, .hasPreviousPage, .nextCursor], nest: "pagination",
            families: [.usage])
        #expect(Self.text(EnvelopedList([1, 2], page: .init(total: 5, limit: 2, offset: 2), in: nested.of(.usage)), naming: .camelCase)
            == #"{"records":[1,2],"pagination":{"page":2,"totalPages":3,"hasNextPage":true,"hasPreviousPage":true,"nextCursor":null}}"#)
        #expect(Self.text(EnvelopedList([5], page: .init(total: 5, limit: 2, offset: 4), in: nested.of(.usage)))
            == #"{"records":[5],"pagination":{"page":3,"total_pages":3,"has_next_page":false,"has_previous_page":true,"next_cursor":null}}"#)
    }
}
