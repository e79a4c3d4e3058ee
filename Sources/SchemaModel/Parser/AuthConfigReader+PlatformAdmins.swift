extension AuthConfigReader {
    /// `auth.platformAdmins`, absent keys taking the defaults; `nil` when it is not an object.
    static func readPlatformAdmins(_ auth: ObjectReader) -> AuthPlatformAdminsConfig? {
        guard let reader = auth.object("platformAdmins", keys: SchemaKeys.authPlatformAdmins) else { return nil }
        let defaults = AuthPlatformAdminsConfig()
        var config = AuthPlatformAdminsConfig(
            path: reader.string("path") ?? defaults.path,
            accessTokenSeconds: reader.integer("accessTokenSeconds") ?? defaults.accessTokenSeconds,
            refreshTokenSeconds: reader.integer("refreshTokenSeconds") ?? defaults.refreshTokenSeconds,
            impersonationSeconds: reader.integer("impersonationSeconds") ?? defaults.impersonationSeconds)
        config.routes = Dictionary(RouteOverrideReader.readMap(reader), uniquingKeysWith: { first, _ in first })
        return config
    }
}
