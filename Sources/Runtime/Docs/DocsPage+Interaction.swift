/// The page script, second part: the "Try it" form, navigation, filtering and loading.
extension DocsPage {
    /// The page script, second part: the "Try it" form, navigation, filtering and loading.
    static let scriptInteraction = #"""
// The group of the document's webhooks: a key no tag can spell, shown as "Webhooks".
const WEBHOOKS = "\u0000webhooks";
const groupTitle = (tag) => tag === WEBHOOKS ? "Webhooks" : tag;
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
    op.description && h("div", { class: "md" }, md(op.description)),
    h("div", { class: "meta" },
      op.operationId && h("span", null, "operationId ", h("code", null, String(op.operationId))),
      security && h("span", null, "Security ", h("code", null, security)),
      op.deprecated && h("span", { class: "badge warn" }, "deprecated")),
    parametersView(entry.params), requestBodyView(op.requestBody), responsesView(op.responses),
    // A webhook is a request this server sends to a receiver: described, never tried from here.
    entry.webhook ? null : tryItView(entry));
}
function operationView(entry, id) {
  const op = entry.op;
  const el = h("details", { class: "op op-" + entry.method + (entry.webhook ? " webhook" : "") + (op.deprecated ? " deprecated" : ""), id },
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
    info.description && h("div", { class: "md" }, md(info.description)),
    (isObject(info.contact) || isObject(info.license)) && h("p", { class: "muted" },
      isObject(info.contact) && ["Contact: ", info.contact.url ? link(info.contact.url, info.contact.name) : String(info.contact.name || ""), info.contact.email ? " <" + info.contact.email + "> " : " "],
      isObject(info.license) && ["License: ", info.license.url ? link(info.license.url, info.license.name) : String(info.license.name || info.license.identifier || "")]),
    servers.length > 0 && [h("h4", null, "Servers"), h("ul", null, servers.map((s) => h("li", null, h("code", null, String(s.url)), s.description ? [" \u2014 ", mdInline(String(s.description))] : "")))],
    schemes.length > 0 && [h("h4", null, "Authentication"), h("ul", null, schemes.map(([name, raw]) => {
      const s = deref(raw);
      const how = [s.type, s.scheme, s.bearerFormat && "(" + s.bearerFormat + ")", s.in && "in " + s.in, s.name && "\u201c" + s.name + "\u201d"].filter(Boolean).join(" ");
      return h("li", null, h("code", null, name), " \u2014 " + how, s.description ? [": ", mdInline(String(s.description))] : "");
    }))],
    h("p", { class: "muted" }, "\u201cTry it\u201d sends requests to " + location.origin + (basePath || "/") + ". Credentials entered at the top are kept in this tab only."));
}

// The operations of `paths`, then those of `webhooks` (OpenAPI 3.1), keyed by the webhook's name
// and listed under their own heading.
function collectOperations() {
  const entries = [];
  for (const [key, webhook] of [["paths", false], ["webhooks", true]]) {
    for (const [path, rawItem] of Object.entries(isObject(spec[key]) ? spec[key] : {})) {
      const item = deref(rawItem);
      for (const method of METHODS) {
        const op = item[method];
        if (!isObject(op)) continue;
        const tags = webhook ? [WEBHOOKS] : Array.isArray(op.tags) && op.tags.length ? op.tags.map(String) : ["default"];
        entries.push({ path, method, op, tags, webhook, params: mergeParams(item.parameters, op.parameters) });
      }
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
  for (const entry of entries) for (const tag of entry.tags) if (!order.includes(tag) && tag !== "default" && tag !== WEBHOOKS) order.push(tag);
  order.push("default", WEBHOOKS);
  const nodes = [introView()];
  const groups = [];
  order.forEach((tag, g) => {
    const members = entries.filter((e) => e.tags.includes(tag));
    if (!members.length) return;
    const info = tagInfo.get(tag) || {};
    const section = h("section", null, h("h3", null, groupTitle(tag)), info.description && h("div", { class: "desc md" }, md(info.description)),
      tag === WEBHOOKS && h("p", { class: "muted" }, "Requests this server sends to the receivers you register; they cannot be tried from this page."));
    const nav = h("div", { class: "nav-group" }, h("h5", null, groupTitle(tag)));
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
// The path this server is mounted under, from the page's own address (not from the document's
// `servers`, which name where the server runs for clients, not the proxy in front of this page).
function serverBasePath() {
  try { return new URL(ROOT_URL, location.href).pathname.replace(/\/+$/, ""); } catch (e) { return ""; }
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

"""#
}
