extension AuthRules {
    /// Longest impersonation token lifetime accepted (one hour): impersonation is for a support
    /// task, not a standing credential.
    static let maximumImpersonationSeconds = 3_600

    /// `auth.platformAdmins`: a path of its own (not the auth path), lifetimes in range.
    static func checkPlatformAdmins(_ platform: AuthPlatformAdminsConfig, auth: AuthConfig, report: Reporter) {
        if !AppRules.isValidBasePath(platform.path) {
            report.setting(
                "auth.platformAdmins.path",
                "platform admin path \"\(platform.path)\" must look like \"/platform\": segments of a-z, 0-9, _ and -, each after a \"/\"")
        } else if platform.path == auth.path || platform.path.hasPrefix(auth.path + "/") || auth.path.hasPrefix(platform.path + "/") {
            report.setting(
                "auth.platformAdmins.path",
                "platform admin path \"\(platform.path)\" overlaps the auth path \"\(auth.path)\"; use a path of its own, e.g. \"/platform\"")
        }
        if platform.accessTokenSeconds < 30 || platform.accessTokenSeconds > maximumAccessTokenSeconds {
            report.setting(
                "auth.platformAdmins.accessTokenSeconds",
                "\"accessTokenSeconds\" must be between 30 and \(maximumAccessTokenSeconds), found \(platform.accessTokenSeconds)")
        }
        if platform.refreshTokenSeconds < platform.accessTokenSeconds {
            report.setting(
                "auth.platformAdmins.refreshTokenSeconds",
                "\"refreshTokenSeconds\" (\(platform.refreshTokenSeconds)) must be at least \"accessTokenSeconds\" (\(platform.accessTokenSeconds))")
        }
        if platform.impersonationSeconds < 60 || platform.impersonationSeconds > maximumImpersonationSeconds {
            report.setting(
                "auth.platformAdmins.impersonationSeconds",
                "\"impersonationSeconds\" must be between 60 and \(maximumImpersonationSeconds), found \(platform.impersonationSeconds)")
        }
    }
}
