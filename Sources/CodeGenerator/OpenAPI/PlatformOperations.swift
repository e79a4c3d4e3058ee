import APIContract
import OpenAPIKit
import SchemaModel

/// The platform family (`APIContract`'s `PlatformContract`) as OpenAPI operations under
/// `basePath + auth.platformAdmins.path`, tagged `platform`, with the `platformBearerAuth` scheme.
struct PlatformOperations {
    /// Tag of every platform route.
    static let tag = "platform"
    /// Security scheme of platform admin access tokens.
    static let bearerScheme = "platformBearerAuth"

    /// The app's auth section.
    let auth: AuthConfig
    /// `auth.platformAdmins`.
    let platform: AuthPlatformAdminsConfig
    /// App-wide facts.
    let context: DocumentContext

    /// Every platform route, documented.
    func routes() -> [DocumentedRoute] {
        let documenter = ContractDocumenter(context: context)
        return PlatformContract(options: AuthContractOptions(auth: auth, app: context.config)).routes.flatMap {
            documenter.document($0, prefix: "", tag: Self.tag)
        }
    }

    /// The `platformBearerAuth` scheme.
    static func securityScheme() -> (String, OpenAPI.SecurityScheme) {
        (bearerScheme, .http(
            scheme: "bearer", bearerFormat: "JWT",
            description: "Platform admin access token from the platform `auth/login` or `auth/refresh` (HS256, `typ: platform+jwt`); "
                + "never an app user's token."))
    }
}
