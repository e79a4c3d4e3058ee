import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// The admin console: a web UI for the app's administrators, served by the app itself.
///
/// Three files ship in the binary (`page`, `script`, `style`): no CDN, no build step, it works
/// offline. The script reads the app's OpenAPI document and drives the same API every client
/// uses, signed in with the app's own accounts (cookie mode with its CSRF token where the app
/// declares `auth.cookies`, else a bearer token held by the page), so the console has exactly
/// the powers of the account that signs in and no route of its own.
///
/// Every reference the page makes is relative (to its files, the document and the server's
/// root), so it keeps working behind a proxy that mounts the server under a path prefix. Its
/// policy allows scripts and styles from its own origin only: no inline script or style, no
/// other origin, no framing.
public enum AdminConsole {
    /// The policy of the console's three answers.
    public static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// One file as served: its bytes, media type and entity tag.
    public struct File: Sendable {
        public let body: ByteBuffer
        public let contentType: String
        public let entityTag: String

        init(_ text: String, contentType: String) {
            body = ByteBuffer(string: text)
            self.contentType = contentType
            entityTag = "\"" + SHA256.hash(data: Array(text.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
        }

        /// 200 with the file, or 304 when the request's `If-None-Match` names this version (weak
        /// comparison, RFC 9110 13.1.2: a proxy that compresses may have made the tag weak). The
        /// browser revalidates each time (`no-cache`), so a new binary's console is never stale.
        public func response(to request: Request) -> Response {
            var headers: HTTPFields = [
                .contentType: contentType, .contentSecurityPolicy: AdminConsole.contentSecurityPolicy, .eTag: entityTag,
                .cacheControl: "no-cache",
            ]
            if let condition = request.headers[.ifNoneMatch], EntityTag.header(condition, matches: entityTag, weak: true) {
                headers[.contentType] = nil
                return Response(status: .notModified, headers: headers)
            }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
        }
    }

    /// The console's files as one app serves them.
    public struct Files: Sendable {
        /// The page asked at its path (`/admin`).
        public let page: File
        /// The same page asked with a trailing `/` (`/admin/`): its references are relative to
        /// that address, so both work without a redirect.
        public let directoryPage: File
        public let script: File
        public let style: File
    }

    /// The page served at `pagePath`, its script at `scriptPath` and style at `stylePath`, for
    /// the document at `documentPath`; made once at start-up.
    public static func files(pagePath: String, scriptPath: String, stylePath: String, documentPath: String, title: String) -> Files {
        let html = { (base: String) -> File in
            let reference = { (target: String) in DocsPage.htmlEscaped(DocsPage.relativeReference(from: base, to: target)) }
            let text = page
                .replacingOccurrences(of: "{{ROOT}}", with: reference("/"))
                .replacingOccurrences(of: "{{DOCUMENT}}", with: reference(documentPath))
                .replacingOccurrences(of: "{{SCRIPT}}", with: reference(scriptPath))
                .replacingOccurrences(of: "{{STYLE}}", with: reference(stylePath))
                .replacingOccurrences(of: "{{TITLE}}", with: DocsPage.htmlEscaped(title))
            return File(text, contentType: "text/html; charset=utf-8")
        }
        return Files(
            page: html(pagePath), directoryPage: html(pagePath + "/"), script: File(script, contentType: "text/javascript; charset=utf-8"),
            style: File(style, contentType: "text/css; charset=utf-8"))
    }
}
