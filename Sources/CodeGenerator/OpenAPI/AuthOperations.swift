import APIContract
import OpenAPIKit
import SchemaModel

/// The auth family (`APIContract`'s `AuthContract`) as OpenAPI operations under
/// `basePath + auth.path`, tagged `auth`: exactly the routes the `Auth` module registers.
struct AuthOperations {
    /// Tag of every auth route.
    static let tag = "auth"

    /// The app's auth section.
    let auth: AuthConfig
    /// App-wide facts.
    let context: DocumentContext

    /// Every auth route, documented.
    func routes() -> [DocumentedRoute] {
        let documenter = ContractDocumenter(context: context)
        return AuthContract(options: AuthContractOptions(auth: auth, schema: context.app)).routes.flatMap {
            documenter.document($0, prefix: "", tag: Self.tag)
        }
    }
}
