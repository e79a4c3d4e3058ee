extension AdminConsole {
    /// The page: `{{ROOT}}`, `{{DOCUMENT}}`, `{{SCRIPT}}`, `{{STYLE}}` and `{{TITLE}}` are filled in at start-up (`files`).
    static let page = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="loom-root" content="{{ROOT}}">
<meta name="loom-openapi" content="{{DOCUMENT}}">
<meta name="referrer" content="no-referrer">
<title>{{TITLE}} · Admin</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{{STYLE}}">
<script type="module" src="{{SCRIPT}}"></script>
</head>
<body data-state="loading">
<header class="topbar">
  <a class="brand" id="app-title" href="#/tables">Loom admin</a>
  <nav id="nav" aria-label="Screens"></nav>
  <div id="session" class="session"></div>
</header>
<div id="impersonation" class="impersonation" role="region" aria-label="Impersonation" aria-live="polite" hidden></div>
<div class="messages">
  <div id="notice" role="status" aria-live="polite" hidden></div>
  <div id="error" role="alert" hidden></div>
</div>
<main id="screen" data-screen="loading"><p class="muted">Loading…</p></main>
<footer class="footer">Times are shown in UTC.</footer>
</body>
</html>
"""#
}
