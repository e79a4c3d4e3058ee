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
        let prefix = context.config.basePath + auth.path
        return AuthContract(options: AuthContractOptions(auth: auth)).routes.map {
            documenter.document($0, prefix: prefix, tag: Self.tag)
        }
    }
}
