extension AdminConsole {
    /// The console's style sheet.
    static let style = #"""
/* Loom admin console: a compact light theme, system fonts, no external resources. */

:root {
  --bg: #f6f7f9;
  --panel: #ffffff;
  --text: #1d2330;
  --muted: #5f6b7a;
  --line: #dde1e7;
  --line-strong: #c5cbd4;
  --accent: #2457c5;
  --accent-soft: #e8eefb;
  --danger: #b42318;
  --danger-soft: #fdecea;
  --ok: #1a7f37;
  --ok-soft: #e6f4ea;
  --warn: #9a6700;
  --warn-soft: #fff5d6;
  --radius: 6px;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  color-scheme: light;
}

* { box-sizing: border-box; }

html { font-size: 14px; }

body {
  margin: 0;
  background: var(--bg);
  color: var(--text);
  font: 1rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}

a { color: var(--accent); }
a:hover { text-decoration: none; }

:focus-visible {
  outline: 2px solid var(--accent);
  outline-offset: 2px;
}

h1 { font-size: 1.45rem; margin: 0.2rem 0 0.8rem; }
h2 { font-size: 1.1rem; margin: 0 0 0.7rem; }

code, pre, textarea.json { font-family: var(--mono); font-size: 0.92em; }

.muted { color: var(--muted); }
.null { color: var(--muted); }

/* ---------------------------------------------------------------- frame */

.topbar {
  display: flex;
  align-items: center;
  gap: 1.2rem;
  padding: 0 1.25rem;
  min-height: 3rem;
  background: #1f2a3d;
  color: #fff;
}

.brand {
  color: #fff;
  font-weight: 600;
  text-decoration: none;
  white-space: nowrap;
}

#nav { display: flex; gap: 0.15rem; flex: 1; flex-wrap: wrap; }

#nav a {
  color: #c9d3e3;
  text-decoration: none;
  padding: 0.85rem 0.7rem;
  border-bottom: 3px solid transparent;
}

#nav a:hover { color: #fff; }
#nav a[aria-current="page"] { color: #fff; border-bottom-color: #7ea6ff; }

.session { display: flex; align-items: center; gap: 0.6rem; white-space: nowrap; }
.session .who { color: #c9d3e3; max-width: 16rem; overflow: hidden; text-overflow: ellipsis; }
.session select { max-width: 15rem; }

.session .realm-badge {
  color: #1f2a3d;
  background: #ffd27a;
  border-radius: 999px;
  padding: 0.05rem 0.55rem;
  font-size: 0.8rem;
  font-weight: 600;
}

/* The banner while a platform admin works as an organization. */
.impersonation {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.3rem 0.4rem;
  padding: 0.55rem 1.25rem;
  background: var(--warn-soft);
  color: #5c3d00;
  border-bottom: 2px solid #e0b24a;
}
.impersonation-text { margin: 0; flex: 1 1 30rem; }
.impersonation .organization { font-weight: 600; }
.impersonation .remaining { font-variant-numeric: tabular-nums; }
.impersonation .muted-inverse { color: #7a5a14; }
.impersonation button { margin-left: auto; }

fieldset.realm {
  display: flex;
  gap: 1.2rem;
  border: 1px solid var(--line);
  border-radius: var(--radius);
  margin: 0 0 0.6rem;
  padding: 0.4rem 0.8rem 0.6rem;
}
fieldset.realm legend { color: var(--muted); padding: 0 0.3rem; }
fieldset.realm .check { font-family: inherit; font-size: inherit; }
.realm-hint { margin: 0 0 0.6rem; font-size: 0.9rem; }

.messages { max-width: 1240px; margin: 0.8rem auto 0; padding: 0 1.25rem; }

#notice, #error {
  padding: 0.55rem 0.8rem;
  border-radius: var(--radius);
  margin-bottom: 0.4rem;
}

#notice { background: var(--ok-soft); color: var(--ok); border: 1px solid #b7dfc3; }
#error { background: var(--danger-soft); color: var(--danger); border: 1px solid #f3b8b2; }
#error ul { margin: 0.3rem 0 0; padding-left: 1.2rem; }
[hidden] { display: none !important; }

main#screen {
  max-width: 1240px;
  margin: 0 auto;
  padding: 0.6rem 1.25rem 2rem;
}

.footer {
  max-width: 1240px;
  margin: 0 auto;
  padding: 0 1.25rem 1.5rem;
  color: var(--muted);
  font-size: 0.85rem;
}

body[data-state="loading"] main#screen { opacity: 0.75; transition: opacity 0.2s 0.15s; }

/* ---------------------------------------------------------------- controls */

button, .button, input, select, textarea {
  font: inherit;
  color: var(--text);
}

button, .button {
  display: inline-block;
  padding: 0.35rem 0.8rem;
  border: 1px solid var(--line-strong);
  border-radius: var(--radius);
  background: var(--panel);
  cursor: pointer;
  text-decoration: none;
  line-height: 1.4;
  white-space: nowrap;
}

button:hover, .button:hover { background: #f0f2f5; }
button:disabled { opacity: 0.5; cursor: default; background: var(--panel); }

.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
.primary:hover { background: #1c48a8; }
.danger { color: var(--danger); border-color: #e8a49c; }
.danger:hover { background: var(--danger-soft); }
.small { padding: 0.12rem 0.5rem; font-size: 0.88rem; }

input, select, textarea {
  padding: 0.32rem 0.5rem;
  border: 1px solid var(--line-strong);
  border-radius: var(--radius);
  background: #fff;
  min-width: 0;
}

input[type="checkbox"] { width: 1rem; height: 1rem; margin: 0; accent-color: var(--accent); }
textarea { width: 100%; resize: vertical; }
input:disabled, select:disabled, textarea:disabled { background: #f2f3f5; color: var(--muted); }

/* ---------------------------------------------------------------- layout pieces */

.card {
  background: var(--panel);
  border: 1px solid var(--line);
  border-radius: var(--radius);
  padding: 1rem 1.1rem;
  margin-bottom: 1rem;
}

.card.narrow { max-width: 26rem; margin: 2rem auto; }

.heading { display: flex; align-items: center; justify-content: space-between; gap: 1rem; }

.crumbs { color: var(--muted); font-size: 0.9rem; margin: 0.2rem 0; }

.toolbar {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.45rem;
  margin: 0 0 0.7rem;
}

.toolbar .label { color: var(--muted); font-weight: 600; margin-right: 0.2rem; }
.toolbar code { background: var(--accent-soft); padding: 0.15rem 0.45rem; border-radius: 4px; }

.filters { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); padding: 0.6rem 0.7rem; }
.filters .inline { display: inline-flex; flex-direction: column; gap: 0.1rem; font-size: 0.85rem; color: var(--muted); }
.filters .inline input, .filters .inline select { color: var(--text); font-size: 0.95rem; }
.filters button { align-self: flex-end; }

.field { display: grid; grid-template-columns: 11rem 1fr; gap: 0.15rem 0.9rem; align-items: start; margin-bottom: 0.65rem; }
.field > label { padding-top: 0.35rem; font-weight: 600; overflow-wrap: anywhere; }
.field > input:not([type="checkbox"]), .field > select, .field > textarea, .field > .with-options, .field > .checks { grid-column: 2; width: 100%; max-width: 40rem; }
.field > input[type="checkbox"] { grid-column: 2; margin-top: 0.45rem; }
.field > .with-options input { width: 100%; }
.field .hint { grid-column: 2; color: var(--muted); font-size: 0.85rem; max-width: 40rem; }
.field .req { color: var(--danger); }

.field-error {
  grid-column: 2;
  color: var(--danger);
  font-size: 0.9rem;
  font-weight: 600;
}

.field:has(.field-error) input, .field:has(.field-error) select, .field:has(.field-error) textarea { border-color: var(--danger); }

.actions { display: flex; gap: 0.5rem; align-items: center; margin-top: 0.8rem; }

.checks {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
  gap: 0.25rem 0.8rem;
  padding: 0.45rem 0.6rem;
  border: 1px solid var(--line);
  border-radius: var(--radius);
  max-height: 13rem;
  overflow: auto;
}

.check { display: flex; gap: 0.4rem; align-items: center; font-family: var(--mono); font-size: 0.88rem; }

.details {
  display: grid;
  grid-template-columns: max-content 1fr;
  gap: 0.25rem 1rem;
  margin: 0 0 1rem;
  padding: 0.7rem 1rem;
  background: var(--panel);
  border: 1px solid var(--line);
  border-radius: var(--radius);
}

.details dt { color: var(--muted); }
.details dd { margin: 0; overflow-wrap: anywhere; }

.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(24rem, 1fr)); gap: 1rem; margin-top: 1rem; }

.tiles { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 0.8rem; }
.tiles li { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); padding: 0.8rem 1rem; }
.tiles a { font-size: 1.15rem; font-weight: 600; }
.tiles p { margin: 0.3rem 0; }
.tiles .ops { color: var(--muted); font-size: 0.85rem; }

.chooser { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.chooser p { width: 100%; margin: 0.4rem 0 0; }

.secret {
  margin-top: 0.9rem;
  padding: 0.7rem 0.9rem;
  background: var(--warn-soft);
  border: 1px solid #f0d48a;
  border-radius: var(--radius);
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.5rem;
}

.secret .secret-value { font-size: 1rem; padding: 0.2rem 0.4rem; background: #fff; border-radius: 4px; user-select: all; overflow-wrap: anywhere; }
.secret p { width: 100%; margin: 0; font-size: 0.88rem; }

output.assignment { display: block; margin: 0.3rem 0; padding: 0.4rem 0.6rem; background: var(--accent-soft); border-radius: var(--radius); }

/* ---------------------------------------------------------------- tables */

.table-wrap { overflow-x: auto; background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); margin-bottom: 0.6rem; }

table { width: 100%; border-collapse: collapse; font-size: 0.95rem; }

th, td {
  text-align: left;
  padding: 0.42rem 0.65rem;
  border-bottom: 1px solid var(--line);
  vertical-align: top;
}

th { background: #f0f2f5; font-weight: 600; white-space: nowrap; color: #39414f; }
tbody tr:last-child td { border-bottom: none; }
tbody tr:nth-child(even) td { background: #fafbfc; }

table.records td { max-width: 22rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
table.numbers td:not(:first-child), table.numbers th:not(:first-child) { text-align: right; font-variant-numeric: tabular-nums; }

th.sortable { cursor: pointer; user-select: none; }
th.sortable:hover { background: #e6e9ee; }
th[aria-sort="ascending"], th[aria-sort="descending"] { color: var(--accent); }

tr.clickable { cursor: pointer; }
tr.clickable:hover td { background: var(--accent-soft); }
tr.selected td { background: var(--accent-soft) !important; }
tr.empty td { color: var(--muted); text-align: center; padding: 1.2rem; }

td.scopes { font-family: var(--mono); font-size: 0.85rem; max-width: 20rem; overflow-wrap: anywhere; }
td.row-actions { white-space: nowrap; text-align: right; }
td.row-actions > * + * { margin-left: 0.3rem; }

pre.excerpt {
  margin: 0;
  max-width: 36rem;
  max-height: 9rem;
  overflow: auto;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  background: #f5f6f8;
  padding: 0.3rem 0.45rem;
  border-radius: 4px;
}

.pager { display: flex; align-items: center; gap: 0.7rem; margin: 0.4rem 0 1rem; }
#page-info { color: var(--muted); font-variant-numeric: tabular-nums; }

.badge {
  display: inline-block;
  padding: 0.05rem 0.5rem;
  border-radius: 999px;
  font-size: 0.82rem;
  font-weight: 600;
  background: #eceff3;
  color: #434b58;
}

.badge.active, .badge.enabled, .badge.success { background: var(--ok-soft); color: var(--ok); }
.badge.failed, .badge.expired, .badge.disabled, .badge.banned, .badge.deactivated { background: var(--danger-soft); color: var(--danger); }
.badge.pending { background: var(--warn-soft); color: var(--warn); }
.badge.default { background: var(--accent-soft); color: var(--accent); }

/* ---------------------------------------------------------------- chart */

.chart svg { width: 100%; height: auto; display: block; }
.chart .bar { fill: #5b8def; }
.chart .bar:hover { fill: var(--accent); }
.chart .bar-errors { fill: #e5675b; pointer-events: none; }
.chart .axis { fill: var(--muted); font-size: 11px; }
.chart .axis-line { stroke: var(--line-strong); stroke-width: 1; }
.chart .legend { margin: 0.4rem 0 0; font-size: 0.88rem; display: flex; align-items: center; gap: 0.4rem; }
.swatch { display: inline-block; width: 0.8rem; height: 0.8rem; border-radius: 2px; }
.swatch.requests { background: #5b8def; }
.swatch.errors { background: #e5675b; margin-left: 0.6rem; }

/* ---------------------------------------------------------------- dialog */

dialog.dialog {
  border: 1px solid var(--line);
  border-radius: var(--radius);
  padding: 1.2rem 1.3rem;
  max-width: 26rem;
  box-shadow: 0 10px 30px rgba(20, 30, 50, 0.25);
}

dialog.dialog::backdrop { background: rgba(20, 30, 50, 0.35); }
dialog.dialog label { display: flex; flex-direction: column; gap: 0.25rem; font-weight: 600; }

@media (max-width: 900px) {
  .field { grid-template-columns: 1fr; }
  .field > *, .field .hint, .field-error { grid-column: 1 !important; }
  .topbar { flex-wrap: wrap; padding: 0.4rem 1rem; }
}
"""#
}
