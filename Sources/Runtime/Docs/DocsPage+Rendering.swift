/// The page script, first part: state, DOM helpers, schema rendering and examples.
extension DocsPage {
    /// The page script, first part: state, DOM helpers, schema rendering and examples.
    static let scriptRendering = #"""
(function () {
"use strict";
const SPEC_URL = {{SPEC_URL}};
// The server's root relative to this page: "Try it" sends under it, so a path prefix added by a proxy is kept.
const ROOT_URL = {{ROOT_URL}};
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
// CommonMark's everyday subset for descriptions (paragraphs, "-"/"*"/"1." lists, fenced code, `code`,
// **strong**, *emphasis*, [text](http(s) URL)), built as DOM nodes: the text is never parsed as HTML.
function mdInline(text) {
  const out = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0, m;
  while ((m = pattern.exec(text)) !== null) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) out.push(h("code", null, m[1]));
    else if (m[2] !== undefined) out.push(h("strong", null, mdInline(m[2])));
    else if (m[3] !== undefined) out.push(h("em", null, mdInline(m[3])));
    else out.push(link(m[5], m[4]));
    last = pattern.lastIndex;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
function md(source) {
  const blocks = [];
  const lines = String(source).replace(/\r\n?/g, "\n").split("\n");
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") { i++; continue; }
    if (/^\s*```/.test(line)) {
      const code = [];
      for (i++; i < lines.length && !/^\s*```/.test(lines[i]); i++) code.push(lines[i]);
      i++;
      blocks.push(h("pre", { class: "block" }, code.join("\n")));
      continue;
    }
    const item = /^\s*(?:[-*]|(\d+)[.)])\s+(.*)$/;
    if (item.test(line)) {
      const ordered = item.exec(line)[1] !== undefined;
      const list = h(ordered ? "ol" : "ul", null);
      while (i < lines.length && item.test(lines[i])) {
        let text = item.exec(lines[i])[2];
        for (i++; i < lines.length && lines[i].trim() !== "" && !item.test(lines[i]) && /^\s+/.test(lines[i]); i++) text += " " + lines[i].trim();
        list.append(h("li", null, mdInline(text)));
      }
      blocks.push(list);
      continue;
    }
    const paragraph = [];
    for (; i < lines.length && lines[i].trim() !== "" && !item.test(lines[i]) && !/^\s*```/.test(lines[i]); i++) paragraph.push(lines[i].trim());
    blocks.push(h("p", null, mdInline(paragraph.join(" "))));
  }
  return blocks;
}

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
    ex.s.description && h("div", { class: "desc md" }, md(ex.s.description)),
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
    ex.s.description && h("div", { class: "desc md" }, md(ex.s.description)),
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
      h("td", null, p.description && h("div", { class: "md" }, md(p.description)), p.example !== undefined && h("span", { class: "chip" }, "example " + show(p.example))))))))];
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
    body.description && h("div", { class: "md" }, md(body.description)), contentView(body.content)];
}
function responsesView(responses) {
  const entries = Object.entries(isObject(responses) ? responses : {});
  if (!entries.length) return null;
  return [h("h4", null, "Responses"), entries.map(([status, raw]) => {
    const r = deref(raw);
    const headers = Object.entries(isObject(r.headers) ? r.headers : {});
    return h("div", { class: "response" },
      h("div", null, h("span", { class: "status s" + String(status).charAt(0) }, status), " ", mdInline(String(r.description || ""))),
      headers.length > 0 && [h("div", { class: "muted" }, "Headers:"), h("ul", { class: "headers" }, headers.map(([name, raw]) => {
        const hd = deref(raw);
        const schema = expand(hd.schema, new Set()).s;
        return h("li", null, h("code", { class: "pname" }, name), isObject(hd.schema) && h("span", { class: "chip type" }, typeText(schema, 0)),
          hd.description && [" ", mdInline(String(hd.description))],
          schema.description && schema.description !== hd.description && [" ", mdInline(String(schema.description))]);
      }))],
      isObject(r.content) && Object.keys(r.content).length ? contentView(r.content) : h("div", { class: "muted" }, "No body"));
  })];
}


"""#
}
