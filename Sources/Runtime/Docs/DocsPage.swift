import Crypto
import Foundation

/// The interactive API reference served at `/docs`.
///
/// One self-contained HTML document (inline CSS and JavaScript, no external resources) so it
/// works offline and behind strict proxies. In the browser it fetches the OpenAPI 3.1 document,
/// lists every operation by tag, shows parameters, bodies and responses as schema trees, and
/// offers a "Try it" form that calls this same origin. Spec text and responses are untrusted:
/// the script inserts them with `textContent` only, never as HTML.
public enum DocsPage {
    /// The page's HTML. `{{SPEC_URL}}` has been replaced by `specURL` and `{{ROOT_URL}}` by
    /// `rootURL`, each as a JavaScript string literal (safe inside `<script>`), and `{{TITLE}}` by
    /// `title`, HTML-escaped.
    ///
    /// `rootURL` is the server's root (`/`) as a reference relative to the page: "Try it" resolves
    /// it against the page's own address and puts the operation's path under it, so behind a proxy
    /// that mounts the server under `/api` the page at `/api/docs` sends `/api/v1/...`.
    ///
    /// Every encoding escapes `{` and `}`, so a replaced value can never form a token itself and
    /// the order of the replacements does not matter.
    public static func html(specURL: String, rootURL: String, title: String) -> String {
        template
            .replacingOccurrences(of: "{{SPEC_URL}}", with: javaScriptStringLiteral(specURL))
            .replacingOccurrences(of: "{{ROOT_URL}}", with: javaScriptStringLiteral(rootURL))
            .replacingOccurrences(of: "{{TITLE}}", with: htmlEscaped(title))
    }

    /// The page served at `docsPath` for the document at `documentPath`, made once at start-up:
    /// the document is fetched, and "Try it" sends its requests, by references relative to the
    /// page (to the document, and to the server's root), so the page keeps working behind a proxy
    /// that mounts the server under a path prefix without rewriting it; and the page's policy allows
    /// exactly its one inline script and one inline style by their SHA-256 (no `unsafe-inline`),
    /// no other origin, and no framing.
    public static func page(docsPath: String, documentPath: String, title: String) -> (html: String, contentSecurityPolicy: String) {
        let html = html(specURL: relativeReference(from: docsPath, to: documentPath),
                        rootURL: relativeReference(from: docsPath, to: "/"), title: title)
        let policy = "default-src 'none'; script-src \(hashSource(html, between: "<script>", and: "</script>")); "
            + "style-src \(hashSource(html, between: "<style>", and: "</style>")); connect-src 'self'; img-src 'self' data:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        return (html, policy)
    }

    /// The reference that resolves to `target` from a page at `base` (both absolute paths):
    /// `/docs` to `/openapi.json` is `openapi.json`, `/api/docs` to `/api/v1/openapi.json` is
    /// `v1/openapi.json`, `/docs/ui` to `/openapi.json` is `../openapi.json`, `/docs` to `/` is
    /// `./` and `/docs/ui` to `/` is `../`.
    public static func relativeReference(from base: String, to target: String) -> String {
        let baseDirectory = base.split(separator: "/", omittingEmptySubsequences: false).dropLast().dropFirst()
        let targetParts = Array(target.split(separator: "/", omittingEmptySubsequences: false).dropFirst())
        var shared = 0
        while shared < baseDirectory.count, shared < targetParts.count - 1,
              baseDirectory[baseDirectory.startIndex + shared] == targetParts[shared] {
            shared += 1
        }
        let up = Array(repeating: "..", count: baseDirectory.count - shared)
        let reference = (up + targetParts[shared...].map(String.init)).joined(separator: "/")
        return reference.isEmpty ? "./" : reference
    }

    /// `'sha256-<base64>'` of the text between the first `open` and the next `close` in `html`.
    private static func hashSource(_ html: String, between open: String, and close: String) -> String {
        guard let start = html.range(of: open), let end = html.range(of: close, range: start.upperBound..<html.endIndex) else { return "'none'" }
        let digest = SHA256.hash(data: Array(html[start.upperBound..<end.lowerBound].utf8))
        return "'sha256-" + Data(digest).base64EncodedString() + "'"
    }

    /// A double-quoted JavaScript string literal for `text` that also cannot end a `<script>`
    /// element early: every UTF-16 unit outside a small set of URL-safe ASCII becomes `\uXXXX`
    /// (this covers quotes, backslashes, `<`, `>`, `&`, line separators and braces).
    private static func javaScriptStringLiteral(_ text: String) -> String {
        var literal = "\""
        for unit in text.utf16 {
            if let scalar = Unicode.Scalar(unit),
               ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "/:.-_~?=%+,;@!$*()#".unicodeScalars.contains(scalar) {
                literal.unicodeScalars.append(scalar)
            } else {
                let hex = String(unit, radix: 16)
                literal += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return literal + "\""
    }

    /// `text` escaped for HTML element content and attribute values (braces too, see `html`).
    static func htmlEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "{": escaped += "&#123;"
            case "}": escaped += "&#125;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// The page with its two tokens; kept verbatim as a raw literal so the HTML reads as HTML.
    private static let template = markup + scriptRendering + scriptInteraction + closing

    /// The document head, styles and page skeleton, up to the opening `<script>` tag.
    private static let markup = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{{TITLE}}</title>
<style>
:root { color-scheme: light dark; --bg: #fff; --fg: #1f2328; --muted: #656d76; --border: #d0d7de;
  --panel: #f6f8fa; --code: #eaeef2; --accent: #0969da; --get: #0969da; --post: #1a7f37; --put: #9a6700;
  --patch: #8250df; --delete: #cf222e; --other: #6e7781; --warn: #9a6700; --err: #cf222e; --err-bg: #ffebe9; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --muted: #8d96a0; --border: #30363d;
  --panel: #161b22; --code: #262c36; --accent: #4493f8; --get: #1f6feb; --post: #238636; --put: #9e6a03;
  --patch: #8957e5; --delete: #da3633; --other: #6e7681; --warn: #d29922; --err: #f85149; --err-bg: #2d1214; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--fg); }
code, pre, textarea, .chip, .path { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
a { color: var(--accent); }
h2 { font-size: 20px; margin: 0 0 4px; } h3 { font-size: 16px; margin: 24px 0 4px; } h4 { font-size: 13px; margin: 14px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
input, select, textarea, button { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--border); border-radius: 6px; padding: 4px 8px; min-width: 0; }
textarea { width: 100%; resize: vertical; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
button { cursor: pointer; background: var(--panel); }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; padding: 5px 16px; }
.top { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 8px 16px; background: var(--panel); border-bottom: 1px solid var(--border); }
.top h1 { font-size: 16px; margin: 0; flex: 1 1 auto; }
.auth { display: flex; flex-wrap: wrap; gap: 8px; }
.auth label { display: flex; align-items: center; gap: 6px; font-size: 12px; color: var(--muted); }
#menu { display: none; }
.layout { display: grid; grid-template-columns: 290px minmax(0, 1fr); }
#sidebar { position: sticky; top: 0; height: 100vh; overflow: auto; padding: 12px; border-right: 1px solid var(--border); }
#filter { width: 100%; margin-bottom: 6px; }
.tools { display: flex; gap: 6px; margin-bottom: 8px; } .tools button { font-size: 12px; padding: 2px 8px; }
.nav-group h5 { margin: 10px 0 4px; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.nav-op { display: flex; align-items: center; gap: 6px; padding: 3px 4px; border-radius: 4px; color: var(--fg); text-decoration: none; }
.nav-op:hover { background: var(--panel); } .nav-op .path { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.deprecated .path { text-decoration: line-through; }
main { padding: 16px 24px 64px; min-width: 0; }
.m { display: inline-block; min-width: 52px; padding: 0 4px; border-radius: 4px; background: var(--other); color: #fff; font: 700 11px/18px ui-monospace, Menlo, Consolas, monospace; text-align: center; text-transform: uppercase; flex: none; }
.m-get { background: var(--get); } .m-post { background: var(--post); } .m-put { background: var(--put); } .m-patch { background: var(--patch); } .m-delete { background: var(--delete); }
.text { white-space: pre-wrap; margin: 4px 0; } .muted, .desc { color: var(--muted); } .desc:not(.md) { white-space: pre-wrap; }
.md p, .md ul, .md ol { margin: 4px 0; } .md ul, .md ol { padding-left: 20px; } .md code { background: var(--code); padding: 0 3px; border-radius: 3px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; border: 1px solid var(--border); font-size: 11px; color: var(--muted); vertical-align: middle; }
.badge.warn { border-color: var(--warn); color: var(--warn); }
.chip { display: inline-block; padding: 0 5px; margin: 1px 4px 1px 0; border-radius: 4px; background: var(--code); font-size: 12px; overflow-wrap: anywhere; }
.chip.type { color: var(--accent); } .chip.ref { color: var(--patch); font-weight: 600; } .chip.warn { color: var(--warn); }
.req { color: var(--err); font-size: 11px; font-weight: 600; margin-right: 4px; }
.intro { padding-bottom: 8px; border-bottom: 1px solid var(--border); } .intro ul { margin: 4px 0; padding-left: 20px; }
ul.headers { margin: 2px 0 6px; padding-left: 20px; }
details.op { margin: 8px 0; border: 1px solid var(--border); border-left-width: 4px; border-radius: 6px; }
details.op.op-get { border-left-color: var(--get); } details.op.op-post { border-left-color: var(--post); } details.op.op-put { border-left-color: var(--put); }
details.op.op-patch { border-left-color: var(--patch); } details.op.op-delete { border-left-color: var(--delete); }
details.op > summary { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 10px; padding: 7px 10px; cursor: pointer; list-style: none; }
details.op > summary::-webkit-details-marker { display: none; }
details.op > summary::after { content: "\25b8"; margin-left: auto; color: var(--muted); } details.op[open] > summary::after { content: "\25be"; }
details.op[open] > summary { border-bottom: 1px solid var(--border); background: var(--panel); }
summary .path { font-weight: 600; overflow-wrap: anywhere; } summary .sum { color: var(--muted); }
.op-body { padding: 4px 14px 14px; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 8px 0; font-size: 13px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; } th, td { padding: 6px 8px; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top; }
th { font-size: 12px; color: var(--muted); }
.schema { padding: 6px 10px; margin: 4px 0; border: 1px solid var(--border); border-radius: 6px; background: var(--panel); overflow-x: auto; }
td .schema { padding: 0; border: 0; background: none; }
ul.tree { list-style: none; margin: 2px 0 2px 4px; padding-left: 14px; border-left: 1px dashed var(--border); }
ul.tree > li { margin: 3px 0; } .pname { font-weight: 600; margin-right: 6px; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; }
.variants-label { font-size: 12px; color: var(--muted); font-style: italic; margin-top: 2px; }
.response { margin: 6px 0 10px; } .status { font-weight: 700; margin-right: 8px; font-family: ui-monospace, Menlo, Consolas, monospace; }
.s2 { color: var(--post); } .s3 { color: var(--accent); } .s4 { color: var(--warn); } .s5 { color: var(--err); }
.try { display: grid; gap: 8px; padding: 10px; border: 1px solid var(--border); border-radius: 6px; background: var(--panel); }
.field { display: grid; grid-template-columns: minmax(120px, 200px) minmax(0, 1fr); align-items: center; gap: 8px; }
.field small { color: var(--muted); margin-left: 4px; }
.result pre, pre.block { margin: 4px 0; padding: 8px; max-height: 420px; overflow: auto; border-radius: 6px; background: var(--code); white-space: pre-wrap; overflow-wrap: anywhere; }
.error { padding: 10px 12px; margin: 8px 0; border: 1px solid var(--err); border-radius: 6px; background: var(--err-bg); }
.error pre { white-space: pre-wrap; margin: 6px 0 0; }
.hidden { display: none !important; }
@media (max-width: 800px) {
  .layout { grid-template-columns: minmax(0, 1fr); }
  #menu { display: inline-block; }
  #sidebar { display: none; position: static; height: auto; max-height: 60vh; border-right: 0; border-bottom: 1px solid var(--border); }
  #sidebar.open { display: block; }
  main { padding: 12px; } .field { grid-template-columns: minmax(0, 1fr); gap: 2px; }
}
</style>
</head>
<body>
<header class="top">
  <button id="menu" type="button" aria-controls="sidebar" aria-expanded="false">&#9776; Operations</button>
  <h1>{{TITLE}}</h1>
  <div class="auth">
    <label>Authorization <input id="auth-authorization" type="password" autocomplete="off" placeholder="Bearer &lt;token&gt;"></label>
    <label><span id="auth-key-label">X-API-Key</span> <input id="auth-key" type="password" autocomplete="off" placeholder="API key"></label>
  </div>
</header>
<div class="layout">
  <nav id="sidebar" aria-label="Operations">
    <input id="filter" type="search" placeholder="Filter by path or summary" aria-label="Filter operations">
    <div class="tools"><button id="expand" type="button">Expand all</button><button id="collapse" type="button">Collapse all</button></div>
    <div id="index"></div>
  </nav>
  <main id="content"><p class="muted">Loading the API description&hellip;</p>
    <noscript><div class="error">This page needs JavaScript to render the API description.</div></noscript></main>
</div>
<script>

"""#

    /// Closes the script and the document.
    private static let closing = #"""
</script>
</body>
</html>
"""#
}
