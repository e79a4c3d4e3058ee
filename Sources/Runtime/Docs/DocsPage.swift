import Foundation

/// The interactive API reference served at `/docs`.
///
/// One self-contained HTML document (inline CSS and JavaScript, no external resources) so it
/// works offline and behind strict proxies. In the browser it fetches the OpenAPI 3.1 document,
/// lists every operation by tag, shows parameters, bodies and responses as schema trees, and
/// offers a "Try it" form that calls this same origin. Spec text and responses are untrusted:
/// the script inserts them with `textContent` only, never as HTML.
public enum DocsPage {
    /// The page's HTML. `{{SPEC_URL}}` has been replaced by `specURL` as a JavaScript string
    /// literal (safe inside `<script>`) and `{{TITLE}}` by `title`, HTML-escaped.
    ///
    /// Both encodings escape `{` and `}`, so a replaced value can never form a token itself and
    /// the order of the two replacements does not matter.
    public static func html(specURL: String, title: String) -> String {
        template
            .replacingOccurrences(of: "{{SPEC_URL}}", with: javaScriptStringLiteral(specURL))
            .replacingOccurrences(of: "{{TITLE}}", with: htmlEscaped(title))
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
    private static func htmlEscaped(_ text: String) -> String {
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
    private static let template = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
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
.text { white-space: pre-wrap; margin: 4px 0; } .muted, .desc { color: var(--muted); } .desc { white-space: pre-wrap; }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; border: 1px solid var(--border); font-size: 11px; color: var(--muted); vertical-align: middle; }
.badge.warn { border-color: var(--warn); color: var(--warn); }
.chip { display: inline-block; padding: 0 5px; margin: 1px 4px 1px 0; border-radius: 4px; background: var(--code); font-size: 12px; overflow-wrap: anywhere; }
.chip.type { color: var(--accent); } .chip.ref { color: var(--patch); font-weight: 600; } .chip.warn { color: var(--warn); }
.req { color: var(--err); font-size: 11px; font-weight: 600; margin-right: 4px; }
.intro { padding-bottom: 8px; border-bottom: 1px solid var(--border); } .intro ul { margin: 4px 0; padding-left: 20px; }
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
(function () {
"use strict";
const SPEC_URL = {{SPEC_URL}};
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const STORE = { authorization: "loom.docs.authorization", key: "loom.docs.apiKey" };
const content = document.getElementById("content");
const index = document.getElementById("index");
const sidebar = document.getElementById("sidebar");
let spec = {};
let basePath = "";
let apiKeyHeader = "X-API-Key";
const filterables = [];

// DOM helper: every string becomes a text node, so spec and response text is never parsed as HTML.
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child !== undefined && child !== null && child !== false) el.append(child instanceof Node ? child : String(child));
  }
  return el;
}
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const show = (v) => typeof v === "string" ? v : JSON.stringify(v);
function safeHref(url) {
  try { const u = new URL(String(url), location.href); return u.protocol === "http:" || u.protocol === "https:" ? u.href : null; }
  catch (e) { return null; }
}
function link(url, text) { const href = safeHref(url); return href ? h("a", { href, rel: "noopener noreferrer" }, text || url) : h("span", null, text || url); }

// References: local JSON pointers only ("#/components/schemas/X"); anything else stays unresolved.
function lookup(ref) {
  if (typeof ref !== "string" || !ref.startsWith("#/")) return undefined;
  let node = spec;
  for (const raw of ref.slice(2).split("/")) {
    let key;
    try { key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~"); } catch (e) { return undefined; }
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = node[key];
  }
  return node;
}
const refName = (ref) => String(ref).split("/").pop();
function deref(obj) {
  for (let hops = 0; isObject(obj) && typeof obj.$ref === "string" && hops < 16; hops++) obj = lookup(obj.$ref);
  return isObject(obj) ? obj : {};
}
function typesOf(s) {
  const types = Array.isArray(s.type) ? s.type.map(String) : typeof s.type === "string" ? [s.type] : [];
  if (s.nullable === true && !types.includes("null")) types.push("null");
  return types;
}

// Follows $ref chains (keeping sibling keywords) with a per-branch cycle guard, then merges allOf.
function expand(schema, seen) {
  let s = isObject(schema) ? schema : {};
  let name = null;
  seen = new Set(seen);
  for (let hops = 0; typeof s.$ref === "string" && hops < 16; hops++) {
    const ref = s.$ref;
    name = name || refName(ref);
    if (seen.has(ref)) return { s: {}, name, cyclic: true, seen };
    seen.add(ref);
    const target = lookup(ref);
    const siblings = Object.assign({}, s); delete siblings.$ref;
    if (!isObject(target)) return { s: siblings, name, missing: ref, seen };
    s = Object.assign({}, target, siblings);
  }
  if (Array.isArray(s.allOf)) s = mergeAllOf(s, seen);
  return { s, name, seen };
}
function mergeAllOf(s, seen) {
  const parts = s.allOf.map((part) => expand(part, seen));
  const mergeable = parts.every((p) => !p.cyclic && !p.missing && !p.s.oneOf && !p.s.anyOf && !p.s.allOf && !p.s.items &&
    typesOf(p.s).every((t) => t === "object"));
  if (!mergeable) return s;
  const merged = Object.assign({}, s, { properties: {}, required: [] }); delete merged.allOf;
  for (const p of parts.concat([{ s }])) {
    Object.assign(merged.properties, isObject(p.s.properties) ? p.s.properties : {});
    if (Array.isArray(p.s.required)) merged.required.push(...p.s.required);
    for (const key of ["type", "description", "additionalProperties", "example"]) if (merged[key] === undefined && p.s[key] !== undefined) merged[key] = p.s[key];
  }
  merged.extends = parts.map((p) => p.name).filter(Boolean);
  return merged;
}

function typeText(s, depth) {
  const types = typesOf(s);
  if (!types.length) {
    if (isObject(s.properties) || s.additionalProperties !== undefined) types.push("object");
    else if (s.items) types.push("array");
    else if (s.oneOf) return "one of"; else if (s.anyOf) return "any of"; else if (s.allOf) return "all of";
    else if (s.const !== undefined) return s.const === null ? "null" : Array.isArray(s.const) ? "array" : typeof s.const === "object" ? "object" : typeof s.const; else if (Array.isArray(s.enum)) return "enum";
    else return "any";
  }
  return types.map((t) => {
    if (t !== "array" || !isObject(s.items) || depth > 4) return t;
    return "array<" + (typeof s.items.$ref === "string" ? refName(s.items.$ref) : typeText(s.items, (depth || 0) + 1)) + ">";
  }).join(" | ");
}
function facts(s) {
  const out = [];
  const add = (text, cls) => out.push(h("span", { class: "chip" + (cls ? " " + cls : "") }, text));
  if (s.format) add(String(s.format));
  if (typeof s.minimum === "number") add((s.exclusiveMinimum === true ? "> " : "\u2265 ") + s.minimum);
  if (typeof s.exclusiveMinimum === "number") add("> " + s.exclusiveMinimum);
  if (typeof s.maximum === "number") add((s.exclusiveMaximum === true ? "< " : "\u2264 ") + s.maximum);
  if (typeof s.exclusiveMaximum === "number") add("< " + s.exclusiveMaximum);
  for (const key of ["multipleOf", "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"]) if (s[key] !== undefined) add(key + " " + show(s[key]));
  if (s.uniqueItems === true) add("unique items");
  if (s.pattern !== undefined) add("pattern /" + s.pattern + "/");
  if (Array.isArray(s.enum)) add("enum: " + s.enum.map(show).join(" | "));
  if (s.const !== undefined) add("const " + show(s.const));
  if (s.default !== undefined) add("default " + show(s.default));
  if (s.example !== undefined) add("example " + show(s.example).slice(0, 80));
  if (s.readOnly === true) add("read-only"); if (s.writeOnly === true) add("write-only");
  if (s.deprecated === true) add("deprecated", "warn");
  return out;
}
function typeLine(ex) {
  const s = ex.s;
  return [ex.name && h("span", { class: "chip ref", title: "schema" }, ex.name),
    ex.cyclic ? h("span", { class: "chip warn" }, "\u21bb recursive, shown above") :
    ex.missing ? h("span", { class: "chip warn" }, "unresolved " + ex.missing) :
    [h("span", { class: "chip type" }, typeText(s, 0)), Array.isArray(s.extends) && s.extends.length ? h("span", { class: "chip" }, "extends " + s.extends.join(", ")) : null, facts(s)]];
}
function hasStructure(s) {
  return isObject(s.properties) || isObject(s.additionalProperties) || isObject(s.items) || Array.isArray(s.oneOf) ||
    Array.isArray(s.anyOf) || Array.isArray(s.allOf) || Array.isArray(s.enum);
}
function propertyItem(name, schema, required, seen, depth) {
  const ex = expand(schema, seen);
  return h("li", null, h("div", null, h("span", { class: "pname" }, name), required && h("span", { class: "req" }, "required"), typeLine(ex)),
    ex.s.description && h("div", { class: "desc" }, String(ex.s.description)),
    ex.cyclic ? null : schemaChildren(ex.s, ex.seen, depth + 1));
}
function schemaChildren(s, seen, depth) {
  if (depth > 14) return [h("div", { class: "muted" }, "\u2026 nested too deep to show")];
  const out = [];
  const required = new Set(Array.isArray(s.required) ? s.required : []);
  const items = Object.entries(isObject(s.properties) ? s.properties : {}).map(([k, v]) => propertyItem(k, v, required.has(k), seen, depth));
  if (isObject(s.additionalProperties)) items.push(propertyItem("\u2039any key\u203a", s.additionalProperties, false, seen, depth));
  else if (s.additionalProperties === true) items.push(h("li", { class: "muted" }, "additional properties allowed"));
  else if (s.additionalProperties === false && items.length) items.push(h("li", { class: "muted" }, "no other properties allowed"));
  if (items.length) out.push(h("ul", { class: "tree" }, items));
  if (isObject(s.items)) {
    const item = expand(s.items, seen);
    if (item.cyclic || hasStructure(item.s)) out.push(h("ul", { class: "tree" }, propertyItem("[item]", s.items, false, seen, depth)));
  }
  for (const [key, label] of [["oneOf", "one of"], ["anyOf", "any of"], ["allOf", "all of"]]) {
    if (!Array.isArray(s[key])) continue;
    const disc = key !== "allOf" && isObject(s.discriminator) && s.discriminator.propertyName ? " (discriminator: " + s.discriminator.propertyName + ")" : "";
    out.push(h("div", { class: "variants-label" }, label + disc + ":"),
      h("ul", { class: "tree" }, s[key].map((v, i) => propertyItem("#" + (i + 1), v, false, seen, depth))));
  }
  return out;
}
function schemaView(schema) {
  const ex = expand(schema, new Set());
  return h("div", { class: "schema" }, h("div", null, typeLine(ex)),
    ex.s.description && h("div", { class: "desc" }, String(ex.s.description)),
    ex.cyclic ? null : schemaChildren(ex.s, ex.seen, 0));
}

// Example values for request bodies: explicit example/default/enum first, then a placeholder by type.
function exampleFor(schema, seen, depth, forRequest) {
  const ex = expand(schema, seen);
  const s = ex.s;
  if (ex.cyclic || depth > 10) return undefined;
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  const variants = s.oneOf || s.anyOf;
  if (Array.isArray(variants) && variants.length) {
    const pick = variants.find((v) => !typesOf(expand(v, ex.seen).s).every((t) => t === "null")) || variants[0];
    return exampleFor(pick, ex.seen, depth + 1, forRequest);
  }
  if (Array.isArray(s.allOf)) {
    const merged = {};
    for (const part of s.allOf) { const v = exampleFor(part, ex.seen, depth + 1, forRequest); if (!isObject(v)) return v; Object.assign(merged, v); }
    return merged;
  }
  const types = typesOf(s).filter((t) => t !== "null");
  const type = types[0] || (isObject(s.properties) || isObject(s.additionalProperties) ? "object" : s.items ? "array" : null);
  if (type === "object") {
    const out = {};
    for (const [key, sub] of Object.entries(isObject(s.properties) ? s.properties : {})) {
      const subSchema = expand(sub, ex.seen).s;
      if ((forRequest && subSchema.readOnly === true) || (!forRequest && subSchema.writeOnly === true)) continue;
      const value = exampleFor(sub, ex.seen, depth + 1, forRequest);
      if (value !== undefined) out[key] = value;
    }
    if (!Object.keys(out).length && isObject(s.additionalProperties)) {
      const value = exampleFor(s.additionalProperties, ex.seen, depth + 1, forRequest);
      if (value !== undefined) out.key = value;
    }
    return out;
  }
  if (type === "array") { const item = exampleFor(s.items, ex.seen, depth + 1, forRequest); return item === undefined ? [] : [item]; }
  if (type === "string") return stringExample(s);
  if (type === "integer" || type === "number") {
    if (typeof s.minimum === "number") return s.minimum;
    if (typeof s.exclusiveMinimum === "number") return s.exclusiveMinimum + 1;
    if (typeof s.maximum === "number" && s.maximum < 0) return s.maximum;
    return 0;
  }
  if (type === "boolean") return false;
  return null;
}
function stringExample(s) {
  const byFormat = { "date-time": "2024-01-01T12:00:00Z", date: "2024-01-01", time: "12:00:00", email: "user@example.com",
    uuid: "3fa85f64-5717-4562-b3fc-2c963f66afa6", uri: "https://example.com", url: "https://example.com", hostname: "example.com",
    ipv4: "192.0.2.1", ipv6: "2001:db8::1", password: "correct-horse-battery", byte: "U3dhZ2dlcg==", duration: "PT1H" };
  let text = byFormat[s.format] || "string";
  if (typeof s.minLength === "number" && text.length < s.minLength) text = text.padEnd(s.minLength, "x");
  if (typeof s.maxLength === "number" && text.length > s.maxLength) text = text.slice(0, s.maxLength);
  return text;
}
const isJSON = (contentType) => /json/i.test(contentType || "");
function mediaExample(media, contentType) {
  let value;
  if (media.example !== undefined) value = media.example;
  else if (isObject(media.examples) && Object.keys(media.examples).length) value = deref(Object.values(media.examples)[0]).value;
  if (value === undefined) value = exampleFor(media.schema, new Set(), 0, true);
  if (value === undefined) return "";
  return isJSON(contentType) || typeof value !== "string" ? JSON.stringify(value, null, 2) : value;
}

function paramSchema(p) {
  if (isObject(p.schema)) return p.schema;
  const media = isObject(p.content) ? Object.values(p.content)[0] : null;
  return isObject(media) && isObject(media.schema) ? media.schema : {};
}
function mergeParams(shared, own) {
  const byKey = new Map();
  for (const raw of [].concat(Array.isArray(shared) ? shared : [], Array.isArray(own) ? own : [])) {
    const p = deref(raw);
    if (typeof p.name === "string") byKey.set(p.in + ":" + p.name, p);
  }
  return Array.from(byKey.values());
}
function securityText(op) {
  const reqs = Array.isArray(op.security) ? op.security : Array.isArray(spec.security) ? spec.security : null;
  if (!reqs) return null;
  if (!reqs.length) return "none";
  return reqs.map((r) => !isObject(r) || !Object.keys(r).length ? "none (optional)" : Object.entries(r).map(([name, scopes]) =>
    name + (Array.isArray(scopes) && scopes.length ? " [" + scopes.join(", ") + "]" : "")).join(" + ")).join("  or  ");
}

function parametersView(params) {
  if (!params.length) return null;
  return [h("h4", null, "Parameters"), h("div", { class: "scroll" }, h("table", null,
    h("thead", null, h("tr", null, ["Name", "In", "Schema", "Description"].map((t) => h("th", null, t)))),
    h("tbody", null, params.map((p) => h("tr", null,
      h("td", null, h("code", { class: "pname" }, p.name), p.required && h("span", { class: "req" }, "required"), p.deprecated && h("span", { class: "badge warn" }, "deprecated")),
      h("td", null, String(p.in || "")),
      h("td", null, schemaView(paramSchema(p))),
      h("td", null, p.description && h("div", { class: "text" }, String(p.description)), p.example !== undefined && h("span", { class: "chip" }, "example " + show(p.example))))))))];
}
function contentView(contentMap) {
  const entries = Object.entries(isObject(contentMap) ? contentMap : {});
  return entries.map(([type, media]) => h("div", null, h("span", { class: "chip" }, type),
    isObject(media) && isObject(media.schema) ? schemaView(media.schema) : h("span", { class: "muted" }, "no schema")));
}
function requestBodyView(raw) {
  if (!raw) return null;
  const body = deref(raw);
  return [h("h4", null, "Request body"), body.required && h("span", { class: "req" }, "required"),
    body.description && h("div", { class: "text" }, String(body.description)), contentView(body.content)];
}
function responsesView(responses) {
  const entries = Object.entries(isObject(responses) ? responses : {});
  if (!entries.length) return null;
  return [h("h4", null, "Responses"), entries.map(([status, raw]) => {
    const r = deref(raw);
    const headers = Object.entries(isObject(r.headers) ? r.headers : {});
    return h("div", { class: "response" },
      h("div", null, h("span", { class: "status s" + String(status).charAt(0) }, status), String(r.description || "")),
      headers.length > 0 && h("div", { class: "muted" }, "Headers: ", headers.map(([name, hd]) => h("span", { class: "chip", title: String(deref(hd).description || "") }, name))),
      isObject(r.content) && Object.keys(r.content).length ? contentView(r.content) : h("div", { class: "muted" }, "No body"));
  })];
}

function tryItView(entry) {
  const fields = [];
  const form = h("form", { class: "try" });
  for (const p of entry.params) {
    if (!["path", "query", "header"].includes(p.in)) continue;
    const s = expand(paramSchema(p), new Set()).s;
    const choices = Array.isArray(s.enum) ? s.enum.filter((v) => v !== null) : typesOf(s).includes("boolean") ? [true, false] : null;
    let input;
    if (choices) input = h("select", null, h("option", { value: "" }, p.required ? "choose\u2026" : "(not set)"), choices.map((v) => h("option", { value: show(v) }, show(v))));
    else {
      const hint = [p.example, s.example, Array.isArray(s.examples) ? s.examples[0] : undefined, s.default].find((v) => v !== undefined);
      input = h("input", { type: "text", placeholder: hint !== undefined ? show(hint) : typeText(s, 0) + (s.format ? " (" + s.format + ")" : "") });
    }
    input.required = p.required === true;
    fields.push({ p, s, input });
    form.append(h("label", { class: "field" }, h("span", null, h("code", null, p.name), p.required && h("span", { class: "req" }, " *"), h("small", null, p.in)), input));
  }
  const body = entry.op.requestBody ? deref(entry.op.requestBody) : null;
  const types = Object.keys(isObject(body && body.content) ? body.content : {});
  let typeSelect = null, textarea = null;
  if (types.length && !["get", "head"].includes(entry.method)) {
    typeSelect = h("select", { "aria-label": "Content type" }, types.map((t) => h("option", { value: t }, t)));
    typeSelect.value = types.find(isJSON) || types[0];
    textarea = h("textarea", { rows: 10, spellcheck: "false", "aria-label": "Request body" });
    const fill = () => {
      textarea.value = mediaExample(deref(body.content[typeSelect.value]), typeSelect.value);
      textarea.rows = Math.min(20, Math.max(4, textarea.value.split("\n").length + 1));
    };
    typeSelect.addEventListener("change", fill); fill();
    form.append(h("label", { class: "field" }, h("span", null, "Body", body.required && h("span", { class: "req" }, " *")), typeSelect), textarea);
  }
  const result = h("div", { class: "result", "aria-live": "polite" });
  form.append(h("div", null, h("button", { type: "submit", class: "primary" }, "Send")), result);
  form.addEventListener("submit", (event) => { event.preventDefault(); send(entry, fields, typeSelect, textarea, result); });
  return [h("h4", null, "Try it"), form];
}
function shellQuote(text) { return "'" + String(text).replace(/'/g, "'\\''") + "'"; }
async function send(entry, fields, typeSelect, textarea, result) {
  result.replaceChildren();
  let path = entry.path;
  const query = new URLSearchParams();
  const headers = {};
  const missing = [];
  for (const { p, s, input } of fields) {
    const value = input.value;
    if (p.in === "path") { if (value === "") missing.push(p.name); else path = path.split("{" + p.name + "}").join(encodeURIComponent(value)); }
    else if (value === "") continue;
    else if (p.in === "query") {
      const values = typesOf(s).includes("array") && p.explode !== false ? value.split(",").map((v) => v.trim()) : [value];
      for (const v of values) query.append(p.name, v);
    } else headers[p.name] = value;
  }
  if (missing.length) { result.append(h("div", { class: "error" }, "Fill in the path parameter(s): " + missing.join(", "))); return; }
  const auth = document.getElementById("auth-authorization").value.trim();
  const key = document.getElementById("auth-key").value.trim();
  if (auth && !headers.Authorization) headers.Authorization = auth;
  if (key && !headers[apiKeyHeader]) headers[apiKeyHeader] = key;
  if (!Object.keys(headers).some((k) => k.toLowerCase() === "accept")) headers.Accept = "application/json, application/problem+json;q=0.9, */*;q=0.5";
  let body;
  if (textarea && textarea.value.trim() !== "") {
    body = textarea.value;
    headers["Content-Type"] = typeSelect.value;
    if (isJSON(typeSelect.value)) {
      try { JSON.parse(body); } catch (e) { result.append(h("div", { class: "muted" }, "Note: the body is not valid JSON (" + e.message + "); sending it anyway.")); }
    }
  }
  const queryString = query.toString();
  const url = basePath + path + (queryString ? (path.includes("?") ? "&" : "?") + queryString : "");
  const target = new URL(url, location.href);
  // Credentials go only to this server: a path like "//elsewhere" must not carry them to another origin.
  if (target.origin !== location.origin) { result.append(h("div", { class: "error" }, "Refusing to send to another origin: " + target.href)); return; }
  const method = entry.method.toUpperCase();
  const curl = ["curl -X " + method + " " + shellQuote(target.href)]
    .concat(Object.entries(headers).map(([k, v]) => "-H " + shellQuote(k + ": " + v)))
    .concat(body !== undefined ? ["--data " + shellQuote(body)] : []);
  result.append(h("div", { class: "muted" }, "Sending\u2026"));
  const started = performance.now();
  try {
    const response = await fetch(url, { method, headers, body, credentials: "same-origin" });
    const text = await response.text();
    const elapsed = Math.round(performance.now() - started);
    const headerLines = [];
    response.headers.forEach((value, name) => headerLines.push(name + ": " + value));
    let pretty = text;
    try { if (text.trim()) pretty = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { pretty = text; }
    result.replaceChildren(
      h("h4", null, "Response"),
      h("div", null, h("span", { class: "status s" + String(response.status).charAt(0) }, String(response.status) + " " + response.statusText), h("span", { class: "muted" }, elapsed + " ms \u00b7 " + method + " " + url)),
      h("h4", null, "Headers"), h("pre", null, headerLines.join("\n")),
      h("h4", null, "Body"), h("pre", null, pretty === "" ? "(empty body)" : pretty),
      h("details", null, h("summary", { class: "muted" }, "curl"), h("pre", null, curl.join(" \\\n  "))));
  } catch (error) {
    result.replaceChildren(h("div", { class: "error" }, "The request failed before a response arrived: " + (error && error.message || error)),
      h("pre", { class: "block" }, curl.join(" \\\n  ")));
  }
}

function operationBody(entry) {
  const op = entry.op;
  const security = securityText(op);
  return h("div", { class: "op-body" },
    op.description && h("div", { class: "text" }, String(op.description)),
    h("div", { class: "meta" },
      op.operationId && h("span", null, "operationId ", h("code", null, String(op.operationId))),
      security && h("span", null, "Security ", h("code", null, security)),
      op.deprecated && h("span", { class: "badge warn" }, "deprecated")),
    parametersView(entry.params), requestBodyView(op.requestBody), responsesView(op.responses), tryItView(entry));
}
function operationView(entry, id) {
  const op = entry.op;
  const el = h("details", { class: "op op-" + entry.method + (op.deprecated ? " deprecated" : ""), id },
    h("summary", null, h("span", { class: "m m-" + entry.method }, entry.method), h("span", { class: "path" }, entry.path),
      op.summary && h("span", { class: "sum" }, String(op.summary)), op.deprecated && h("span", { class: "badge warn" }, "deprecated")));
  let built = false;
  el.addEventListener("toggle", () => { if (el.open && !built) { built = true; el.append(operationBody(entry)); } });
  return el;
}

function introView() {
  const info = isObject(spec.info) ? spec.info : {};
  const servers = Array.isArray(spec.servers) ? spec.servers.filter(isObject) : [];
  const schemes = Object.entries(isObject(spec.components) && isObject(spec.components.securitySchemes) ? spec.components.securitySchemes : {});
  return h("section", { class: "intro" },
    h("h2", null, String(info.title || "API"), " ", info.version !== undefined && h("span", { class: "badge" }, "v" + info.version), " ",
      spec.openapi && h("span", { class: "badge" }, "OpenAPI " + spec.openapi)),
    info.summary && h("p", { class: "text" }, String(info.summary)),
    info.description && h("div", { class: "text" }, String(info.description)),
    (isObject(info.contact) || isObject(info.license)) && h("p", { class: "muted" },
      isObject(info.contact) && ["Contact: ", info.contact.url ? link(info.contact.url, info.contact.name) : String(info.contact.name || ""), info.contact.email ? " <" + info.contact.email + "> " : " "],
      isObject(info.license) && ["License: ", info.license.url ? link(info.license.url, info.license.name) : String(info.license.name || info.license.identifier || "")]),
    servers.length > 0 && [h("h4", null, "Servers"), h("ul", null, servers.map((s) => h("li", null, h("code", null, String(s.url)), s.description ? " \u2014 " + s.description : "")))],
    schemes.length > 0 && [h("h4", null, "Authentication"), h("ul", null, schemes.map(([name, raw]) => {
      const s = deref(raw);
      const how = [s.type, s.scheme, s.bearerFormat && "(" + s.bearerFormat + ")", s.in && "in " + s.in, s.name && "\u201c" + s.name + "\u201d"].filter(Boolean).join(" ");
      return h("li", null, h("code", null, name), " \u2014 " + how, s.description ? ": " + s.description : "");
    }))],
    h("p", { class: "muted" }, "\u201cTry it\u201d sends requests to " + location.origin + (basePath || "/") + ". Credentials entered at the top are kept in this tab only."));
}

function collectOperations() {
  const entries = [];
  for (const [path, rawItem] of Object.entries(isObject(spec.paths) ? spec.paths : {})) {
    const item = deref(rawItem);
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const tags = Array.isArray(op.tags) && op.tags.length ? op.tags.map(String) : ["default"];
      entries.push({ path, method, op, tags, params: mergeParams(item.parameters, op.parameters) });
    }
  }
  return entries;
}
function render() {
  basePath = serverBasePath();
  const schemes = Object.values(isObject(spec.components) && isObject(spec.components.securitySchemes) ? spec.components.securitySchemes : {}).map(deref);
  const keyHeaders = Array.from(new Set(schemes.filter((s) => s.type === "apiKey" && s.in === "header" && typeof s.name === "string").map((s) => s.name)));
  if (keyHeaders.length === 1 && keyHeaders[0].toLowerCase() !== "authorization") apiKeyHeader = keyHeaders[0];
  document.getElementById("auth-key-label").textContent = apiKeyHeader;

  const entries = collectOperations();
  const tagInfo = new Map((Array.isArray(spec.tags) ? spec.tags.filter(isObject) : []).map((t) => [String(t.name), t]));
  const order = Array.from(tagInfo.keys());
  for (const entry of entries) for (const tag of entry.tags) if (!order.includes(tag) && tag !== "default") order.push(tag);
  order.push("default");
  const nodes = [introView()];
  const groups = [];
  order.forEach((tag, g) => {
    const members = entries.filter((e) => e.tags.includes(tag));
    if (!members.length) return;
    const info = tagInfo.get(tag) || {};
    const section = h("section", null, h("h3", null, tag), info.description && h("div", { class: "desc" }, String(info.description)));
    const nav = h("div", { class: "nav-group" }, h("h5", null, tag));
    const items = [];
    members.forEach((entry, i) => {
      const id = "op-" + g + "-" + i;
      const view = operationView(entry, id);
      const navLink = h("a", { class: "nav-op" + (entry.op.deprecated ? " deprecated" : ""), href: "#" + id, title: String(entry.op.summary || entry.path) },
        h("span", { class: "m m-" + entry.method }, entry.method), h("span", { class: "path" }, entry.path));
      navLink.addEventListener("click", () => { view.open = true; sidebar.classList.remove("open"); });
      section.append(view); nav.append(navLink);
      const text = [entry.method, entry.path, entry.op.summary, entry.op.operationId].filter(Boolean).join(" ").toLowerCase();
      items.push({ text, elements: [view, navLink] });
    });
    groups.push({ items, elements: [section, nav] });
    nodes.push(section); index.append(nav);
  });
  filterables.push(...groups);
  if (!entries.length) nodes.push(h("p", { class: "muted" }, "This API description has no operations."));
  if (typeof spec.openapi !== "string" || !spec.openapi.startsWith("3.")) nodes.splice(1, 0, h("div", { class: "error" }, "This document does not declare an OpenAPI 3.x version; it may not display correctly."));
  content.replaceChildren(...nodes);
  openFromHash();
}
function serverBasePath() {
  const server = Array.isArray(spec.servers) ? spec.servers.find(isObject) : null;
  if (!server || typeof server.url !== "string") return "";
  const vars = isObject(server.variables) ? server.variables : {};
  const url = server.url.replace(/\{([^}]+)\}/g, (m, name) => isObject(vars[name]) && vars[name].default !== undefined ? String(vars[name].default) : "");
  try { return new URL(url, new URL(SPEC_URL, location.href)).pathname.replace(/\/+$/, ""); } catch (e) { return ""; }
}
function applyFilter(query) {
  const q = query.trim().toLowerCase();
  for (const group of filterables) {
    let visible = 0;
    for (const item of group.items) {
      const match = !q || item.text.includes(q);
      if (match) visible++;
      for (const el of item.elements) el.classList.toggle("hidden", !match);
    }
    for (const el of group.elements) el.classList.toggle("hidden", visible === 0);
  }
}
function openFromHash() {
  let id = "";
  try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
  const el = id ? document.getElementById(id) : null;
  if (el && el.tagName === "DETAILS") { el.open = true; el.scrollIntoView(); }
}
function showLoadError(message, detail) {
  content.replaceChildren(h("div", { class: "error", role: "alert" }, h("strong", null, "Could not load the API description. "), message,
    detail ? h("pre", null, detail.slice(0, 2000)) : null));
}
function setUpControls() {
  for (const [id, storeKey] of [["auth-authorization", STORE.authorization], ["auth-key", STORE.key]]) {
    const input = document.getElementById(id);
    try { input.value = sessionStorage.getItem(storeKey) || ""; } catch (e) { /* storage disabled: keep the field empty */ }
    input.addEventListener("input", () => { try { sessionStorage.setItem(storeKey, input.value); } catch (e) { /* storage disabled */ } });
  }
  document.getElementById("filter").addEventListener("input", (event) => applyFilter(event.target.value));
  document.getElementById("expand").addEventListener("click", () => { for (const d of content.querySelectorAll("details.op:not(.hidden)")) d.open = true; });
  document.getElementById("collapse").addEventListener("click", () => { for (const d of content.querySelectorAll("details.op")) d.open = false; });
  const menu = document.getElementById("menu");
  menu.addEventListener("click", () => menu.setAttribute("aria-expanded", String(sidebar.classList.toggle("open"))));
  window.addEventListener("hashchange", openFromHash);
}
async function load() {
  setUpControls();
  let response, text;
  try {
    response = await fetch(SPEC_URL, { headers: { Accept: "application/json" } });
    text = await response.text();
  } catch (error) { return showLoadError("Fetching " + SPEC_URL + " failed: " + (error && error.message || error)); }
  if (!response.ok) return showLoadError("Fetching " + SPEC_URL + " returned HTTP " + response.status + " " + response.statusText + ".", text);
  let doc;
  try { doc = JSON.parse(text); } catch (error) { return showLoadError(SPEC_URL + " is not valid JSON: " + error.message, text); }
  if (!isObject(doc)) return showLoadError(SPEC_URL + " is not an OpenAPI document (expected a JSON object).");
  spec = doc;
  try { render(); } catch (error) { showLoadError("Rendering failed: " + (error && error.message || error)); }
}
load();
})();
</script>
</body>
</html>
"""#
}
