import HummingbirdCore
import Testing

@testable import Runtime

/// The query string is read as form encoding: what browsers and HTTP clients send.
@Suite("Query string decoding")
struct QueryStringTests {
    @Test("plus is a space, %2B a plus, names are decoded, order and repeats are kept")
    func decodes() throws {
        let query = try QueryString(URI("/v1/tasks?filter=status+%3D+%27a%2Bb%27&so%72t=-title&flag&empty=&filter=second"))
        #expect(query.parameters.map(\.name) == ["filter", "sort", "flag", "empty", "filter"])
        #expect(query["filter"] == "status = 'a+b'")
        #expect(query["sort"] == "-title")
        #expect(query["flag"] == "")
        #expect(query["empty"] == "")
        #expect(query["missing"] == nil)
        #expect(query.parameters.last?.value == "second")
    }

    @Test("unicode escapes decode; plain text passes through; no query is no parameters")
    func unicodeAndPlain() throws {
        #expect(try QueryString(URI("/x?q=%E6%97%A5%E6%9C%AC"))["q"] == "日本")
        #expect(try QueryString(URI("/x?limit=5&offset=10")).parameters.map(\.value) == ["5", "10"])
        #expect(try QueryString(URI("/x")).parameters.isEmpty)
        #expect(try QueryString(URI("/x?&&")).parameters.isEmpty)
    }

    @Test("a broken escape or invalid UTF-8 is a 400 naming the parameter")
    func rejectsBrokenEncoding() {
        for (uri, field) in [("/x?filter=a%2", "filter"), ("/x?filter=%ZZ", "filter"), ("/x?q=%FF%FE", "q"), ("/x?na%GGme=1", "na%GGme")] {
            do {
                _ = try QueryString(URI(uri))
                Issue.record("\(uri) was accepted")
            } catch {
                #expect(error.status == .badRequest, "\(uri)")
                #expect(error.fieldErrors.map(\.field) == [field], "\(uri)")
            }
        }
    }
}

extension QueryStringTests {
    @Test("a NUL character, escaped as %00, is a 400 naming the parameter")
    func rejectsNul() {
        do {
            _ = try QueryString(URI("/x?filter=a%00b&limit=1"))
            Issue.record("%00 was accepted")
        } catch {
            #expect(error.fieldErrors.map(\.field) == ["filter"])
        }
    }
}
