import Foundation
import Testing
import SchemaModel
@testable import CodeGenerator

@Test func zzDumpOpenAPIForInspection() throws {
    for format in ErrorFormat.allCases {
        let text = try OpenAPIBuilder.document(for: OpenAPIFixture.app(errorFormat: format))
        try text.write(toFile: "/tmp/loom-openapi-\(format.rawValue).json", atomically: true, encoding: .utf8)
    }
}
