extension AdminConsole {
    /// The console's script (an ES module, no library): see `AdminConsole`.
    static let script = #"""
// Loom admin console: a single ES module, no dependencies, no build step.
// Everything it knows about the API comes from the app's OpenAPI document at run time.

const SVG_NS = 'http://www.w3.org/2000/svg';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const NO_REFRESH = new Set(['authLogin', 'authRefresh', 'authSignup', 'authLogout', 'platformLogin', 'platformRefresh']);
const FILTER_OPS = [
  ['=', 'equals'], ['!=', 'differs from'], ['>', '>'], ['>=', '≥'], ['<', '<'], ['<=', '≤'],
  ['~', 'contains'], ['!~', 'does not contain'], ['is null', 'is empty'], ['is not null', 'is not empty'],
];
const PROPS = new Set(['value', 'checked', 'selected', 'disabled', 'hidden', 'multiple', 'readOnly', 'noValidate', 'open']);
const STORE_KEY = `loom-admin:${location.pathname}`;

/* ------------------------------------------------------------------ DOM helpers */

function h(tag, props, ...children) {
  const svg = tag.startsWith('svg:');
  const el = svg ? document.createElementNS(SVG_NS, tag.slice(4)) : document.createElement(tag);
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  for (const [key, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') for (const [k, v] of Object.entries(value)) { if (v != null) el.dataset[k] = v; }
    else if (key === 'text') el.textContent = value;
    else if (PROPS.has(key)) el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  return el;
}

const $ = (selector, root = document) => root.querySelector(selector);
const meta = (name, fallback) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') || fallback;

function readCookie(name) {
  const entry = document.cookie.split(';').map((part) => part.trim()).find((part) => part.startsWith(`${name}=`));
  return entry ? decodeURIComponent(entry.slice(name.length + 1)) : null;
}

/* ------------------------------------------------------------------ values and names */

const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const snake = (name) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

function get(object, name) {
  if (object == null || typeof object !== 'object') return undefined;
  if (name in object) return object[name];
  const alt = camel(name);
  return alt in object ? object[alt] : undefined;
}

function dig(object, path) {
  return (path || []).reduce((value, key) => (value == null ? undefined : value[key]), object);
}

/** The member of `props` spelled `name` or its camelCase form; null when absent. */
function memberOf(props, name) {
  if (!props) return null;
  if (name in props) return name;
  return camel(name) in props ? camel(name) : null;
}

function fmtTime(value) {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().replace('T', ' ').slice(0, 19);
}

function fmtValue(value, schema) {
  if (value == null) return h('span', { class: 'null' }, '—');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (schema && spec.format(schema) === 'date-time') return fmtTime(value);
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object')) return value.join(', ');
  if (typeof value === 'object') return h('code', {}, JSON.stringify(value));
  return String(value);
}

/** A datetime-local input's value (read as UTC) from an ISO timestamp, and back. */
const isoToInput = (iso) => (iso ? new Date(iso).toISOString().slice(0, 19) : '');
function inputToIso(text) {
  if (!text) return null;
  const date = new Date(`${text.length === 16 ? `${text}:00` : text}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
const today = (offsetDays = 0) => new Date(Date.now() + offsetDays * 86400000).toISOString().slice(0, 10);

/* ------------------------------------------------------------------ the OpenAPI document */

class Spec {
  constructor(doc) {
    this.doc = doc;
    this.ops = new Map();
    for (const [path, item] of Object.entries(doc.paths || {})) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        const op = item[method];
        if (op?.operationId) this.ops.set(op.operationId, this.describe(op, method.toUpperCase(), path, item));
      }
    }
  }

  describe(op, method, path, item) {
    const params = [...(item.parameters || []), ...(op.parameters || [])].map((p) => this.deref(p));
    const body = op.requestBody ? this.deref(op.requestBody) : null;
    return {
      id: op.operationId, method, path, tags: op.tags || [], description: op.description || '', params,
      // `x-loom-table: {table, operation}` marks every operation of an app table, and nothing else.
      table: this.tableOf(op['x-loom-table']),
      pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
      query: Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, p])),
      header: params.filter((p) => p.in === 'header').map((p) => p.name),
      body: body ? this.jsonSchema(body.content) : null,
      response: this.successSchema(op.responses || {}),
      deprecated: Boolean(op.deprecated),
      // Platform-admin routes take the platform's own bearer tokens, never the app's.
      platform: (op.security || this.doc.security || []).some((s) => Object.keys(s).some((k) => /^platform/i.test(k)))
        || /^platform[A-Z]/.test(op.operationId),
    };
  }

  tableOf(extension) {
    const table = extension && typeof extension === 'object' ? extension.table : null;
    return typeof table === 'string' && table && typeof extension.operation === 'string' ? { name: table, operation: extension.operation } : null;
  }

  jsonSchema(content) {
    const type = Object.keys(content || {}).find((t) => /json/.test(t));
    return type ? content[type].schema || null : null;
  }

  successSchema(responses) {
    const code = Object.keys(responses).sort().find((c) => /^2/.test(c));
    return code ? this.jsonSchema(this.deref(responses[code]).content) : null;
  }

  op(id) { return this.ops.get(id) || null; }
  has(...ids) { return ids.every((id) => this.ops.has(id)); }

  deref(node) {
    let current = node;
    const extra = {};
    for (let depth = 0; current && current.$ref && depth < 20; depth += 1) {
      const { $ref, ...rest } = current;
      Object.assign(extra, rest);
      current = $ref.replace(/^#\//, '').split('/').reduce((v, k) => v?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], this.doc);
    }
    return current ? { ...current, ...extra } : extra;
  }

  /** A schema with `$ref` and `allOf` resolved at its top level. */
  norm(schema) {
    const s = this.deref(schema || {});
    if (!s.allOf) return s;
    const merged = { ...s, properties: { ...(s.properties || {}) }, required: [...(s.required || [])] };
    delete merged.allOf;
    for (const part of s.allOf.map((p) => this.norm(p))) {
      Object.assign(merged.properties, part.properties || {});
      merged.required.push(...(part.required || []));
      for (const key of ['type', 'description']) if (part[key] && !merged[key]) merged[key] = part[key];
    }
    return merged;
  }

  /** The object schema (with properties) of `schema`, looking into anyOf/oneOf variants. */
  objectOf(schema) {
    const s = this.norm(schema);
    if (s.properties) return s;
    for (const variant of s.anyOf || s.oneOf || []) {
      const found = this.objectOf(variant);
      if (found) return found;
    }
    return null;
  }

  types(schema) {
    const s = this.norm(schema);
    if (s.type) return Array.isArray(s.type) ? s.type : [s.type];
    if (s.const !== undefined) return [typeof s.const === 'number' ? 'number' : typeof s.const];
    if (s.enum) return [...new Set(s.enum.map((v) => (v === null ? 'null' : typeof v)))];
    return (s.anyOf || s.oneOf || []).flatMap((variant) => this.types(variant));
  }

  baseType(schema) {
    const types = this.types(schema).filter((t) => t !== 'null');
    return types.length === 1 ? types[0] : null;
  }

  nullable(schema) { return this.types(schema).includes('null'); }
  format(schema) { return this.norm(schema).format || null; }

  enumOf(schema) {
    const s = this.norm(schema);
    if (s.const !== undefined) return [s.const];
    if (s.enum) return s.enum.filter((v) => v !== null);
    const variants = (s.anyOf || s.oneOf || []).map((v) => this.enumOf(v)).filter((e) => e.length);
    return variants.length ? variants.flat() : [];
  }

  /** An array schema's item enum (scopes, event types), or []. */
  itemEnum(schema) {
    const s = this.norm(schema);
    return s.items ? this.enumOf(s.items) : [];
  }

  tagDescription(tag) { return (this.doc.tags || []).find((t) => t.name === tag)?.description || ''; }
}

/** Where a record sits inside an answer: envelopes with a single member (`data`) are unwrapped. */
function recordShape(schema) {
  const path = [];
  let s = spec.objectOf(schema);
  while (s && Object.keys(s.properties).length === 1) {
    const [name, inner] = Object.entries(s.properties)[0];
    const object = spec.objectOf(inner);
    if (!object) break;
    path.push(name);
    s = object;
  }
  return { path, schema: s };
}

/** Where a page's items, total and next cursor sit inside a list answer. */
function listShape(schema) {
  const props = spec.objectOf(schema)?.properties || {};
  const isArray = (k) => spec.types(props[k]).includes('array');
  const itemsKey = ['items', 'data', 'records', 'results'].find((k) => k in props && isArray(k)) || Object.keys(props).find(isArray);
  const find = (re) => {
    const top = Object.keys(props).find((k) => re.test(k));
    if (top) return [top];
    for (const [key, value] of Object.entries(props)) {
      const inner = key === itemsKey ? null : spec.objectOf(value);
      const hit = inner && Object.keys(inner.properties).find((k) => re.test(k));
      if (hit) return [key, hit];
    }
    return null;
  };
  return {
    itemsPath: itemsKey ? [itemsKey] : [],
    item: itemsKey ? spec.objectOf(spec.norm(props[itemsKey]).items) : null,
    totalPath: find(/^total$/i),
    cursorPath: find(/^next_?cursor$/i),
  };
}

function readPage(shape, data) {
  return {
    items: dig(data, shape.itemsPath) || [],
    total: shape.totalPath ? dig(data, shape.totalPath) ?? null : null,
    cursor: shape.cursorPath ? dig(data, shape.cursorPath) ?? null : null,
  };
}

/** A request body's members, unwrapping a `{fields: {...}}` style wrapper when the API offers it. */
function bodyShape(schema) {
  if (!schema) return { wrapper: null, props: {}, required: [] };
  const s = spec.norm(schema);
  const variants = (s.anyOf || s.oneOf || [s]).map((v) => spec.objectOf(v)).filter(Boolean);
  const isWrapper = (v) => Object.keys(v.properties).length === 1 && spec.objectOf(Object.values(v.properties)[0]);
  const flat = variants.find((v) => !isWrapper(v));
  if (flat) return { wrapper: null, props: flat.properties, required: flat.required || [] };
  if (!variants.length) return { wrapper: null, props: {}, required: [] };
  const [name, inner] = Object.entries(variants[0].properties)[0];
  const object = spec.objectOf(inner);
  return { wrapper: name, props: object.properties, required: object.required || [] };
}

const wrapBody = (shape, values) => (shape.wrapper ? { [shape.wrapper]: values } : values);

/* ------------------------------------------------------------------ tables described by the document */

/**
 * The app's tables, as the document declares them: every operation of a table carries
 * `x-loom-table: {table, operation}` (list, get, create, replace, update, delete, batch, upsert,
 * restore). A table is shown when it has a list operation; nothing is guessed from tags or paths.
 */
function buildTables() {
  const byTable = new Map();
  for (const op of spec.ops.values()) {
    if (!op.table) continue;
    const ops = byTable.get(op.table.name) || {};
    // A deprecated alias (a legacy path answering the same) gives way to the current operation.
    const known = ops[op.table.operation];
    if (!known || (known.deprecated && !op.deprecated)) ops[op.table.operation] = op;
    byTable.set(op.table.name, ops);
  }
  const found = new Map();
  for (const [name, ops] of byTable) {
    if (!ops.list) continue;
    found.set(name, tableModel(name, ops.list, ops.get || null, {
      create: ops.create || null,
      update: ops.update || null,
      replace: ops.replace || null,
      remove: ops.delete || null,
    }));
  }
  return new Map([...found.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

function tableModel(tag, list, item, ops) {
  const createShape = bodyShape(ops.create?.body);
  const updateShape = bodyShape(ops.update?.body || ops.replace?.body);
  const pageShape = listShape(list.response);
  // Without a get operation a record's members are those of the list's items.
  const record = item ? recordShape(item.response) : { path: [], schema: pageShape.item };
  const writable = new Map();
  for (const shape of [createShape, updateShape]) {
    for (const [name, schema] of Object.entries(shape.props)) {
      const s = spec.norm(schema);
      const isClearList = name === 'clear' && spec.itemEnum(s).every((m) => m in shape.props);
      if (!s.readOnly && !isClearList && !writable.has(name)) writable.set(name, s);
    }
  }
  const columns = columnsOf(record.schema, writable);
  const itemOp = item || ops.update || ops.replace || ops.remove;
  const idParam = itemOp ? itemOp.pathParams[itemOp.pathParams.length - 1] : null;
  const idColumn = (idParam && columns.find((c) => c.name === idParam))
    || (idParam && columns.find((c) => c.schema.readOnly && sameIdSchema(c.schema, itemOp.params.find((p) => p.name === idParam)?.schema)))
    || columns.find((c) => c.name === 'id') || columns[0];
  const sortParam = list.query.sort;
  const filterParam = list.query.filter;
  return {
    tag, list, item, ...ops, record, columns, writable, createShape, updateShape, idColumn,
    listShape: pageShape,
    description: list.tags[0] ? spec.tagDescription(list.tags[0]) : '',
    sortable: sortParam ? sortableFields(sortParam, columns) : [],
    filterable: filterParam ? filterableFields(filterParam, columns) : [],
    filterOps: filterParam ? FILTER_OPS.filter(([op]) => filterParam.description.includes(`\`${op}\``)) : [],
    paging: list.query.offset ? 'offset' : (list.query.cursor ? 'cursor' : null),
    search: list.query.q ? 'q' : null,
    options: Object.values(list.query).filter((p) => spec.enumOf(p.schema).length && p.name !== 'count'
      && !columns.some((c) => c.name === p.name)),
  };
}

function sameIdSchema(a, b) {
  if (!a || !b) return false;
  const x = spec.norm(a);
  const y = spec.norm(b);
  return (x.pattern && x.pattern === y.pattern) || (x.format && x.format === y.format && spec.baseType(x) === spec.baseType(y));
}

function columnsOf(schema, writable) {
  if (!schema) return [];
  const order = [...new Set([...(schema.required || []), ...Object.keys(schema.properties)])];
  const columns = [];
  for (const name of order) {
    const s = spec.norm(schema.properties[name]);
    const nested = !writable.has(name) && !s.readOnly && spec.norm(s).properties ? spec.norm(s) : null;
    if (nested) {
      for (const [sub, subSchema] of Object.entries(nested.properties)) columns.push({ name: sub, path: [name, sub], schema: spec.norm(subSchema) });
    } else {
      columns.push({ name, path: [name], schema: s });
    }
  }
  return columns;
}

function sortableFields(param, columns) {
  const match = /\(\?:([\w|.]+)\)/.exec(spec.norm(param.schema).pattern || '');
  return match ? match[1].split('|') : columns.filter((c) => !['object', 'array', null].includes(spec.baseType(c.schema))).map((c) => c.name);
}

function filterableFields(param, columns) {
  const text = /Filterable fields:([\s\S]*)$/.exec(param.description || '')?.[1];
  if (!text) return columns.map((c) => c.name);
  return text.replace(/Through `[^`]*`:/g, ',').split(/[\s,]+/).map((t) => t.replace(/\.$/, ''))
    .filter((t) => /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)?$/.test(t));
}

/** The schema of a filter field, following `relation.field` into the related table. */
function fieldSchema(table, field) {
  const [head, tail] = field.split('.');
  const column = table.columns.find((c) => c.name === head);
  if (!tail) return column?.schema || {};
  const related = relatedTable(column);
  return related?.columns.find((c) => c.name === tail)?.schema || {};
}

function relatedTable(column) {
  const name = /References (\w+)/.exec(column?.schema?.description || '')?.[1];
  return name ? tables.get(name) || null : null;
}

function labelColumn(table) {
  return ['name', 'title', 'label', 'full_name', 'email', 'code'].map((n) => table.columns.find((c) => c.name === n || c.name === camel(n)))
    .find(Boolean) || null;
}

const recordId = (table, record) => dig(record, table.idColumn.path);

/** What an input of a writable member looks like. */
function fieldKind(schema) {
  if (spec.enumOf(schema).length) return 'enum';
  const type = spec.baseType(schema);
  const s = spec.norm(schema);
  if (type === 'boolean') return 'boolean';
  if (type === 'integer' || type === 'number') return type;
  if (type !== 'string') return 'json';
  if (s.format === 'date-time') return 'datetime';
  if (s.format === 'date') return 'date';
  if (s.format === 'email') return 'email';
  const plain = !s.pattern || s.pattern === '^[^\\u0000]*$';
  return plain && !s.format && (!s.maxLength || s.maxLength > 255) ? 'textarea' : 'text';
}

/* ------------------------------------------------------------------ the api helper */

class ApiError extends Error {
  constructor(status, message, fieldErrors = [], body = null) {
    super(message);
    this.status = status;
    this.fieldErrors = fieldErrors;
    this.body = body;
  }

  /** Without field errors in the body, the fields a message names ("... invalid fields: a, b.") are marked. */
  named(message) {
    const names = /invalid fields?: ([\w.[\], -]+?)\.?$/.exec(message)?.[1];
    if (!this.fieldErrors.length && names) this.fieldErrors = names.split(/,\s*/).map((field) => ({ field, message: 'is invalid' }));
    return this;
  }
}

function findFieldErrors(body) {
  if (Array.isArray(body)) {
    if (body.length && body.every((e) => e && typeof e === 'object' && 'field' in e && 'message' in e)) return body;
    for (const item of body) { const found = findFieldErrors(item); if (found.length) return found; }
  } else if (body && typeof body === 'object') {
    for (const value of Object.values(body)) { const found = findFieldErrors(value); if (found.length) return found; }
  }
  return [];
}

function errorMessage(body, response) {
  const candidates = [body?.detail, body?.message, body?.error?.message, body?.error_description,
    typeof body?.error === 'string' ? body.error : null, body?.title, typeof body === 'string' ? body : null];
  return candidates.find((m) => typeof m === 'string' && m.trim()) || `${response.status} ${response.statusText || 'error'}`;
}

async function readBody(response) {
  if (response.status === 204 || response.status === 304) return null;
  const text = await response.text();
  if (!text) return null;
  try { return JSON.parse(text); } catch { return text.slice(0, 500); }
}

/**
 * A path parameter's value, refused when it is empty, `.` or `..` (or a percent-encoding of
 * them): `encodeURIComponent` leaves dots alone, and the URL parser would resolve such a segment
 * (`/v1/tasks/..` becomes `/v1/`), so the request would reach another route.
 */
function pathSegment(op, name, value) {
  const text = value == null ? '' : String(value);
  let decoded = text;
  for (let round = 0; round < 4; round += 1) {
    if (/^\s*$/.test(decoded) || decoded === '.' || decoded === '..') {
      throw new ApiError(0, text.trim() && !/^\s*$/.test(decoded)
        ? `Not sent: "${text}" cannot be the ${name} of ${op.id} in its address ("." and ".." would make the request go to another address).`
        : `Not sent: ${op.id} needs a value for ${name} in its address, and none was given.`);
    }
    let next;
    try { next = decodeURIComponent(decoded); } catch { break; }
    if (next === decoded) break;
    decoded = next;
  }
  return text;
}

/**
 * Calls the operation `opId`: `path` fills its path parameters in order, `query` its query,
 * `body` is sent as JSON. Answers {status, data, headers}; throws ApiError with the API's message.
 */
async function api(opId, { path = [], query = {}, body, headers = {}, retry = true } = {}) {
  const op = spec.op(opId);
  if (!op) throw new ApiError(0, `This API has no operation ${opId}.`);
  let index = 0;
  const filled = op.path.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(pathSegment(op, name, path[index++])));
  const url = new URL(filled.replace(/^\//, ''), apiRoot);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
  }
  const init = { method: op.method, headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const token = op.platform ? session.platform?.token : session.token;
  if (token) init.headers.Authorization = `Bearer ${token}`;
  const csrf = UNSAFE.has(op.method) && !op.platform ? readCookie('loom_csrf') : null;
  if (csrf) init.headers['X-CSRF-Token'] = csrf;
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ApiError(0, `The server could not be reached (${error.message}).`);
  }
  if (response.status === 401 && retry && !NO_REFRESH.has(opId) && await (op.platform ? refreshPlatform() : refreshSession())) {
    return api(opId, { path, query, body, headers, retry: false });
  }
  const data = await readBody(response);
  if (!response.ok) {
    const message = errorMessage(data, response);
    const error = new ApiError(response.status, message, findFieldErrors(data).map((e) => ({ ...e })), data).named(message);
    error.platform = op.platform;
    throw error;
  }
  return { status: response.status, data, headers: response.headers };
}

/* ------------------------------------------------------------------ session */

/*
 * realm 'app': an app account (cookies, or bearer tokens in `token`/`refresh`).
 * realm 'platform': a platform admin; its bearer tokens live in `platform` and go only to platform
 * routes (`op.platform`). While it impersonates an organization, `impersonation.token` is also
 * `token`, the app credential every other route gets; the platform tokens stay kept meanwhile.
 */
const session = {
  realm: 'app', token: null, refresh: null, app: null, identity: null, profile: null, orgs: [], email: '',
  platform: null, admin: null, impersonation: null,
};
const SIGNED_OUT = { realm: 'app', token: null, refresh: null, app: null, identity: null, profile: null, orgs: [], platform: null, admin: null, impersonation: null };
let refreshing = null;
let refreshingPlatform = null;

function saveSession() {
  const saved = { realm: session.realm, token: session.token, refresh: session.refresh, app: session.app, email: session.email,
    platform: session.platform, impersonation: session.impersonation };
  if (session.token || session.platform?.token) sessionStorage.setItem(STORE_KEY, JSON.stringify(saved));
  else sessionStorage.removeItem(STORE_KEY);
}

function restoreSession() {
  try { Object.assign(session, JSON.parse(sessionStorage.getItem(STORE_KEY) || '{}')); } catch { sessionStorage.removeItem(STORE_KEY); }
  if (session.realm === 'platform') return Boolean(session.platform?.token);
  return Boolean(session.token || readCookie('loom_csrf'));
}

function clearSession() {
  Object.assign(session, SIGNED_OUT);
  stopImpersonationClock();
  saveSession();
}

function tokenMember(data, re) {
  const key = data && typeof data === 'object' ? Object.keys(data).find((k) => re.test(k)) : null;
  return key ? data[key] : null;
}

/** Keeps the tokens of a login/refresh answer; a browser in cookie mode gets none (httpOnly cookies). */
function takeTokens(data) {
  const token = tokenMember(data, /^access_?token$/i);
  session.token = token || null;
  session.refresh = token ? tokenMember(data, /^refresh_?token$/i) : null;
  saveSession();
}

/** The body of a refresh operation: its refresh-token member, however the document spells it. */
function refreshBody(opId, refresh) {
  const shape = bodyShape(spec.op(opId).body);
  const member = Object.keys(shape.props).find((k) => /refresh_?token/i.test(k)) || 'refresh_token';
  return refresh ? wrapBody(shape, { [member]: refresh }) : {};
}

function refreshSession() {
  // An impersonation token cannot be refreshed; a platform admin has no app session to refresh.
  if (session.impersonation || session.realm === 'platform') return Promise.resolve(false);
  if (!spec.has('authRefresh') || (!session.token && !readCookie('loom_csrf'))) return Promise.resolve(false);
  refreshing ||= (async () => {
    try {
      const { data } = await api('authRefresh', { body: refreshBody('authRefresh', session.refresh), retry: false });
      if (session.token) takeTokens(data);
      return true;
    } catch {
      return false;
    } finally {
      setTimeout(() => { refreshing = null; }, 0);
    }
  })();
  return refreshing;
}

/** The platform session's refresh (bearer only: the platform routes set no cookies). */
function refreshPlatform() {
  if (!spec.has('platformRefresh') || !session.platform?.refresh) return Promise.resolve(false);
  refreshingPlatform ||= (async () => {
    try {
      const { data } = await api('platformRefresh', { body: refreshBody('platformRefresh', session.platform.refresh), retry: false });
      takePlatformTokens(data);
      return true;
    } catch {
      return false;
    } finally {
      setTimeout(() => { refreshingPlatform = null; }, 0);
    }
  })();
  return refreshingPlatform;
}

function takePlatformTokens(data) {
  const token = tokenMember(data, /^access_?token$/i);
  if (!token) throw new ApiError(0, 'The platform sign-in answered no access token.');
  session.platform = { token, refresh: tokenMember(data, /^refresh_?token$/i) };
  if (get(data, 'admin')) session.admin = get(data, 'admin');
  saveSession();
}

async function loadSession() {
  if (session.realm === 'platform') { await loadPlatformSession(); return; }
  session.identity = spec.has('authIdentity') ? (await api('authIdentity')).data : null;
  session.profile = spec.has('authGetProfile') ? (await api('authGetProfile').catch(() => null))?.data : null;
  if (!session.identity && !session.profile) throw new ApiError(401, 'The API offers no way to check the session.');
  session.email = get(session.profile, 'email') || session.email;
  session.orgs = spec.has('authListOrganizations')
    ? dig((await api('authListOrganizations').catch(() => null))?.data, listShape(spec.op('authListOrganizations').response).itemsPath) || []
    : [];
  saveSession();
}

/** A platform admin: who (platformGetMe), and the organization it impersonates, if any (authIdentity). */
async function loadPlatformSession() {
  if (spec.has('platformGetMe')) session.admin = (await api('platformGetMe')).data;
  if (!session.admin) throw new ApiError(401, 'The API offers no way to check the platform session.');
  session.email = get(session.admin, 'email') || session.email;
  session.profile = null;
  session.orgs = [];
  session.identity = null;
  const imp = session.impersonation;
  session.token = imp ? imp.token : null;
  if (imp) {
    if (Date.parse(imp.expiresAt) <= Date.now()) {
      dropImpersonation(`The impersonation of ${imp.organizationName} expired at ${fmtTime(imp.expiresAt)} UTC.`);
    } else if (spec.has('authIdentity')) {
      try {
        session.identity = (await api('authIdentity')).data;
      } catch (error) {
        if (error.status !== 401) throw error;
        dropImpersonation(`The impersonation of ${imp.organizationName} is no longer accepted (expired, or its admin deactivated).`);
      }
    } else {
      session.identity = { organization_id: imp.organizationId };
    }
  }
  saveSession();
}

const impersonating = () => Boolean(session.impersonation);
const platformScreens = () => session.realm === 'platform' && !impersonating();
const appScreens = () => session.realm !== 'platform' || impersonating();
const currentOrg = () => get(session.identity, 'organization_id') || null;
const canSwitch = () => !impersonating() && spec.has('authOrganizationTokens') && session.orgs.length > 0;
const orgName = (id) => get(session.orgs.find((o) => o.id === id), 'name')
  || (session.impersonation?.organizationId === id ? session.impersonation.organizationName : null) || id;
const needsOrganization = (op) => /must be bound to one|bound to an organization/i.test(op?.description || '');
const needsAppLevel = (op) => /bound to no organization/i.test(op?.description || '');
const signedIn = () => Boolean(session.identity || session.profile || session.admin);

/** A password login's body (`authLogin` or `platformLogin`), its members as the document names them. */
function loginBody(email, password, opId = 'authLogin') {
  const shape = bodyShape(spec.op(opId).body);
  const props = shape.props;
  const emailKey = Object.keys(props).find((k) => spec.format(props[k]) === 'email')
    || Object.keys(props).find((k) => /^(email|username|login|user_?name)$/i.test(k)) || 'email';
  const passwordKey = Object.keys(props).find((k) => /^password$/i.test(k)) || 'password';
  return wrapBody(shape, { [emailKey]: email, [passwordKey]: password });
}

async function signIn(email, password, realm = 'app') {
  clearSession();
  if (realm === 'platform') {
    session.realm = 'platform';
    // The platform login answers bearer tokens in its body, cookie mode or not (it sets no cookies).
    const { data } = await api('platformLogin', { body: loginBody(email, password, 'platformLogin'), retry: false });
    session.email = email;
    takePlatformTokens(data);
    await loadSession();
    return;
  }
  const { data } = await api('authLogin', { body: loginBody(email, password), retry: false });
  session.email = email;
  takeTokens(data);
  try {
    await loadSession();
  } catch (error) {
    if (error.status === 401 && !session.token) {
      throw new ApiError(401, 'Signed in, but the browser did not keep the session cookies (Secure cookies need https or localhost).');
    }
    throw error;
  }
}

/**
 * Ends the session on the server, then forgets it here. A platform admin's session ends with
 * platformLogout (its access and refresh tokens are refused at once; a 401 means it had ended
 * already). An impersonation token cannot be revoked: it is forgotten and lapses on its own.
 * Answers a warning when the server could not confirm the end of the session, else null.
 */
async function signOut() {
  let warning = null;
  if (session.realm === 'platform') {
    const imp = session.impersonation;
    if (session.platform?.token && spec.has('platformLogout')) {
      try {
        await api('platformLogout');
      } catch (error) {
        if (error.status !== 401) warning = `Signed out here, but the server did not confirm the end of the platform session: ${error.message}`;
      }
    } else if (session.platform?.token) {
      warning = 'Signed out here; this API has no platform sign-out, so the platform session lapses on its own.';
    }
    if (imp) {
      warning = `${warning || 'Signed out.'} The impersonation token of ${imp.organizationName} cannot be revoked: it is forgotten here and lapses at ${fmtTime(imp.expiresAt)} UTC.`;
    }
  } else if (spec.has('authLogout')) {
    await api('authLogout', { retry: false }).catch(() => null);
    if (session.app) {
      session.token = session.app.token;
      await api('authLogout', { retry: false }).catch(() => null);
    }
  }
  clearSession();
  return warning;
}

/* ------------------------------------------------------------------ impersonation (platform admins) */

let impersonationClock = null;

/** Acts as the owner of `org` with a token of platformImpersonate; the platform tokens are kept. */
async function impersonate(org) {
  const name = get(org, 'name') || org.id;
  const lifetime = Number(/\((\d+) ?s\)/.exec(spec.op('platformImpersonate').description)?.[1]) || 0;
  const span = lifetime ? ` for ${lifetime >= 120 ? `${Math.round(lifetime / 60)} minutes` : `${lifetime} seconds`}` : '';
  if (!window.confirm(`Work as the owner of organization ${name}${span}? The token cannot be refreshed, and every change made with it is audited under your name.`)) return;
  const { data } = await api('platformImpersonate', { path: [org.id] });
  const token = tokenMember(data, /^access_?token$/i);
  if (!token) throw new ApiError(0, 'The impersonation answered no access token.');
  const seconds = Number(get(data, 'expires_in')) || 0;
  const owner = (get(org, 'members') || []).find((m) => get(m, 'user_id') === get(data, 'user_id'));
  session.impersonation = {
    token,
    organizationId: get(data, 'organization_id') || org.id,
    organizationName: name,
    userId: get(data, 'user_id') || null,
    owner: owner ? get(owner, 'email') : null,
    expiresAt: get(data, 'expires_at') || new Date(Date.now() + seconds * 1000).toISOString(),
  };
  session.token = token;
  saveSession();
  await loadSession();
  if (!impersonating()) throw new ApiError(401, 'The impersonation token was not accepted.');
  renderSessionBar();
  renderImpersonation();
  showNotice(`Now working as organization ${name}, with its owner's rights, until ${fmtTime(session.impersonation.expiresAt)} UTC.`, { keep: true });
  if (location.hash === '#/tables') await route(); else location.hash = '#/tables';
}

/** Forgets the impersonation token (no API call: there is none to revoke it); `message` says why. */
function dropImpersonation(message) {
  const imp = session.impersonation;
  if (!imp) return null;
  Object.assign(session, { impersonation: null, token: null, refresh: null, identity: null, profile: null, orgs: [] });
  saveSession();
  renderImpersonation();
  if (message) showNotice(message, { keep: true });
  return imp;
}

/** Back to the platform screens (the organization's page) after an impersonation ended. */
async function endImpersonation(message) {
  const imp = dropImpersonation(message
    || `Stopped working as organization ${session.impersonation?.organizationName}. Its token is forgotten here; the API cannot revoke it, it lapses at ${fmtTime(session.impersonation?.expiresAt)} UTC.`);
  renderSessionBar();
  const target = imp && spec.has('platformGetOrganization') ? `#/platform-organizations/${encodeURIComponent(imp.organizationId)}` : '#/platform-organizations';
  if (location.hash === target) await route(); else location.hash = target;
}

function stopImpersonationClock() {
  if (impersonationClock) clearInterval(impersonationClock);
  impersonationClock = null;
}

function remaining(iso) {
  const seconds = Math.max(0, Math.round((Date.parse(iso) - Date.now()) / 1000));
  return seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`;
}

/** The banner `#impersonation`: which organization, until when, and the way back. */
function renderImpersonation() {
  const banner = $('#impersonation');
  if (!banner) return;
  const imp = session.impersonation;
  banner.replaceChildren();
  banner.hidden = !imp;
  stopImpersonationClock();
  if (!imp) { delete banner.dataset.organization; return; }
  banner.dataset.organization = imp.organizationId;
  const left = h('span', { class: 'remaining' }, remaining(imp.expiresAt));
  banner.append(h('p', { class: 'impersonation-text' },
    h('strong', {}, 'Impersonating '),
    h('span', { class: 'organization' }, imp.organizationName),
    ` (organization ${imp.organizationId}), acting as its owner${imp.owner ? ` ${imp.owner}` : ''}. `,
    'Token expires at ', h('time', { datetime: imp.expiresAt }, `${fmtTime(imp.expiresAt)} UTC`), ' (', left, ' left). ',
    h('span', { class: 'muted-inverse' }, 'Every change is audited under your name.')),
  h('button', { id: 'end-impersonation', type: 'button', onclick: () => busy(() => endImpersonation()) }, 'End impersonation'));
  impersonationClock = setInterval(() => {
    if (session.impersonation !== imp) { stopImpersonationClock(); return; }
    left.textContent = remaining(imp.expiresAt);
    if (Date.parse(imp.expiresAt) <= Date.now()) {
      busy(() => endImpersonation(`The impersonation of ${imp.organizationName} expired at ${fmtTime(imp.expiresAt)} UTC.`));
    }
  }, 1000);
}

async function revokeSession(id) {
  if (id && spec.has('authRevokeSession')) await api('authRevokeSession', { path: [id] }).catch(() => null);
}

/** Starts a session bound to `organization` ('' = the app level, no organization). */
async function switchOrganization(organization) {
  const previous = get(session.identity, 'session_id');
  const wasBound = Boolean(currentOrg());
  if (!organization) return returnToAppLevel(previous);
  const { data } = await api('authOrganizationTokens', { path: [organization], body: {} });
  if (session.token && !wasBound) session.app = { token: session.token, refresh: session.refresh };
  const keepPrevious = session.token && !wasBound;
  takeTokens(data);
  if (!keepPrevious) await revokeSession(previous);
  await loadSession();
  renderSessionBar();
}

async function returnToAppLevel(previous) {
  if (session.app) {
    const bound = { token: session.token, refresh: session.refresh };
    Object.assign(session, { token: session.app.token, refresh: session.app.refresh, app: null });
    try {
      await loadSession();
      if (!currentOrg()) {
        const restore = session.token;
        session.token = bound.token;
        await api('authLogout', { retry: false }).catch(() => null);
        session.token = restore;
        saveSession();
        renderSessionBar();
        return;
      }
    } catch {
      Object.assign(session, bound);
    }
  }
  const password = await askPassword();
  if (password == null) { renderSessionBar(); throw new ApiError(0, 'Still working in the organization.'); }
  const { data } = await api('authLogin', { body: loginBody(session.email, password), retry: false });
  takeTokens(data);
  await revokeSession(previous);
  await loadSession();
  renderSessionBar();
}

/** A modal password prompt (returning to the app level needs a new session); null when cancelled. */
function askPassword() {
  return new Promise((resolve) => {
    const input = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
    const dialog = h('dialog', { id: 'reauth', class: 'dialog' });
    const done = (value) => { dialog.close(); dialog.remove(); resolve(value); };
    dialog.append(h('form', {
      id: 'reauth-form',
      onsubmit: (event) => { event.preventDefault(); done(input.value); },
    },
    h('h2', {}, 'App-level session'),
    h('p', {}, `Working across the whole app (no organization) needs a new session. Enter the password of ${session.email || 'your account'}.`),
    h('input', { type: 'text', name: 'username', autocomplete: 'username', value: session.email, hidden: true }),
    h('label', {}, 'Password', input),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
      h('button', { type: 'button', onclick: () => done(null) }, 'Cancel'))));
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); done(null); });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}

/* ------------------------------------------------------------------ page frame: state, messages, nav */

let spec = null;
let tables = new Map();
let apiRoot = null;
let routeToken = 0;
let flash = null;

const setState = (state) => { document.body.dataset.state = state; };

function showNotice(text, { keep = false } = {}) {
  const box = $('#notice');
  box.textContent = text;
  box.hidden = !text;
  flash = keep ? text : null;
}

function showError(error) {
  const box = $('#error');
  const message = typeof error === 'string' ? error : error?.message || '';
  box.replaceChildren();
  box.hidden = !message;
  if (!message) return;
  showNotice('');
  box.append(h('span', {}, message));
  const unplaced = (error?.fieldErrors || []).filter((e) => !e.placed);
  if (unplaced.length) box.append(h('ul', {}, unplaced.map((e) => h('li', {}, `${e.field}: ${e.message}`))));
}

function clearMessages() {
  showError('');
  if (flash) { showNotice(flash); flash = null; } else showNotice('');
}

/** A fresh main#screen for the screen `name`. */
function screen(name) {
  const main = h('main', { id: 'screen', dataset: { screen: name } });
  $('#screen').replaceWith(main);
  return main;
}

// An impersonation token is refused by the account routes (keys) and is bound to an organization
// (tiers need a caller bound to none): those screens are left out while impersonating.
const SCREENS = [
  ['tables', 'Tables', () => appScreens() && tables.size > 0],
  ['keys', 'API keys', () => appScreens() && !impersonating() && spec.has('authListAPIKeys')],
  ['webhooks', 'Webhooks', () => appScreens() && spec.has('listWebhookSubscriptions')],
  ['limits', 'Rate limits', () => appScreens() && spec.has('listRateLimitTiers') && !(impersonating() && needsAppLevel(spec.op('listRateLimitTiers')))],
  ['audit', 'Audit log', () => appScreens() && spec.has('listAuditEvents')],
  ['usage', 'Usage', () => appScreens() && spec.has('listUsage')],
  ['platform-users', 'End users', () => platformScreens() && spec.has('platformListEndUsers')],
  ['platform-organizations', 'Organizations', () => platformScreens() && spec.has('platformListOrganizations')],
  ['platform-admins', 'Platform admins', () => platformScreens()
    && ['platformCreateAdmin', 'platformDeactivateAdmin', 'platformGetMe'].some((id) => spec.has(id))],
];
const availableScreens = () => SCREENS.filter(([, , available]) => available());
/** The navigation entry of a screen: sub-screens belong to their list's entry. */
const NAV_OF = { records: 'tables', record: 'tables', webhook: 'webhooks', 'platform-organization': 'platform-organizations' };
const navOf = (name) => NAV_OF[name] || name;

function renderNav(active) {
  const nav = $('#nav');
  nav.replaceChildren(...(signedIn() ? availableScreens().map(([name, label]) => h('a', {
    href: `#/${name}`, dataset: { screen: name }, 'aria-current': name === active ? 'page' : null,
  }, label)) : []));
}

function renderSessionBar() {
  const bar = $('#session');
  bar.replaceChildren();
  if (!signedIn()) return;
  if (session.realm === 'platform') {
    bar.append(h('span', { class: 'who', title: 'Platform admin' }, session.email || get(session.admin, 'email') || ''),
      h('span', { class: 'realm-badge' }, 'platform admin'));
  } else {
    bar.append(h('span', { class: 'who', title: get(session.identity, 'scopes')?.join(' ') || '' }, session.email || get(session.identity, 'subject') || ''));
  }
  if (canSwitch()) {
    const select = h('select', { id: 'organization', 'aria-label': 'Organization', onchange: () => busy(async () => {
      await switchOrganization(select.value);
      showNotice(select.value ? `Working in organization ${orgName(select.value)}.` : 'Working at the app level.', { keep: true });
      await route();
    }) },
    h('option', { value: '' }, 'App level'),
    session.orgs.map((o) => h('option', { value: o.id }, `${get(o, 'name') || o.id} (organization)`)));
    select.value = currentOrg() || '';
    bar.append(select);
  }
  bar.append(h('button', { id: 'signout', type: 'button', onclick: async () => {
    setState('loading');
    const warning = await signOut();
    showNotice(warning || 'Signed out.', { keep: true });
    location.hash = '#/tables';
    route();
  } }, 'Sign out'));
}

/** Runs an in-screen action: loading state, the API's message on failure. */
async function busy(action) {
  setState('loading');
  showError('');
  try {
    await action();
  } catch (error) {
    if (error.status === 401 && await impersonationRefused(error)) return;
    if (error.status === 401 && !(await stillSignedIn())) { showNotice(''); renderSignin('Your session has ended; sign in again.'); return; }
    showError(error);
  }
  if (document.body.dataset.state === 'loading') setState('ready');
}

async function stillSignedIn() {
  try { await loadSession(); return true; } catch { clearSession(); return false; }
}

/** A 401 of an app route while impersonating: the token expired or was revoked; back to the platform. */
async function impersonationRefused(error) {
  if (!session.impersonation || error.platform) return false;
  const imp = session.impersonation;
  await endImpersonation(`The impersonation of ${imp.organizationName} is no longer accepted (${error.message}).`);
  return true;
}

/** What to offer on a 403: the organization chooser or the way back to the app level. */
function forbiddenHelp(main, error) {
  if (error.status !== 403 || !canSwitch()) return;
  if (currentOrg()) {
    main.append(h('p', {}, h('button', { type: 'button', dataset: { action: 'app-level' }, onclick: () => busy(async () => {
      await switchOrganization('');
      await route();
    }) }, 'Switch to the app level')));
  } else {
    main.append(organizationChooser('Or work inside an organization:'));
  }
}

function organizationChooser(text) {
  return h('div', { class: 'chooser' }, h('p', {}, text), session.orgs.map((o) => h('button', {
    type: 'button', dataset: { organization: o.id }, onclick: () => busy(async () => {
      await switchOrganization(o.id);
      showNotice(`Working in organization ${get(o, 'name') || o.id}.`, { keep: true });
      await route();
    }),
  }, get(o, 'name') || o.id)));
}

/**
 * Tenant tables need an organization-bound session: with one organization the console switches
 * to it; with several it asks. Answers false when the screen shows the chooser instead.
 */
async function ensureOrganization(op, main) {
  if (!needsOrganization(op) || currentOrg() || !canSwitch()) return true;
  if (session.orgs.length === 1) {
    await switchOrganization(session.orgs[0].id);
    showNotice(`These records belong to an organization: now working in ${orgName(session.orgs[0].id)}.`);
    return true;
  }
  main.append(organizationChooser('These records belong to an organization. Choose the one to work in:'));
  return false;
}

/** On screens that need the app level (no organization): offer the way back first. */
function ensureAppLevel(op, main) {
  if (!needsAppLevel(op) || !currentOrg()) return true;
  showError(`This screen needs the app level: a session bound to no organization (now: ${orgName(currentOrg())}).`);
  forbiddenHelp(main, { status: 403 });
  return false;
}

/* ------------------------------------------------------------------ router */

const ROUTES = [
  [/^\/tables$/, 'tables', renderTables],
  [/^\/tables\/([^/]+)$/, 'records', renderRecords],
  [/^\/tables\/([^/]+)\/new$/, 'record', (ctx, tag) => renderRecord(ctx, tag, null)],
  [/^\/tables\/([^/]+)\/([^/]+)$/, 'record', renderRecord],
  [/^\/keys$/, 'keys', renderKeys],
  [/^\/webhooks$/, 'webhooks', renderWebhooks],
  [/^\/webhooks\/([^/]+)$/, 'webhook', renderWebhook],
  [/^\/limits$/, 'limits', renderLimits],
  [/^\/audit$/, 'audit', renderAudit],
  [/^\/usage$/, 'usage', renderUsage],
  [/^\/platform-users$/, 'platform-users', renderPlatformUsers],
  [/^\/platform-organizations$/, 'platform-organizations', renderPlatformOrganizations],
  [/^\/platform-organizations\/([^/]+)$/, 'platform-organization', renderPlatformOrganization],
  [/^\/platform-admins$/, 'platform-admins', renderPlatformAdmins],
];

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, search = ''] = raw.split('?');
  return { path, query: new URLSearchParams(search) };
}

function go(path, query) {
  const search = query ? new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '' && v != null)).toString() : '';
  location.hash = `#${path}${search ? `?${search}` : ''}`;
}

async function route() {
  const token = ++routeToken;
  clearMessages();
  if (!signedIn()) { renderSignin(); return; }
  const { path, query } = parseHash();
  const match = ROUTES.map(([re, name, render]) => [re.exec(path), name, render]).find(([m, name]) => m
    && availableScreens().some(([screenName]) => screenName === navOf(name)));
  if (!match) {
    const first = availableScreens()[0];
    if (!first) { screen('empty').append(h('p', {}, 'This API offers nothing the console can manage.')); setState('ready'); return; }
    location.replace(`#/${first[0]}`);
    return;
  }
  const [groups, name, render] = match;
  setState('loading');
  renderNav(navOf(name));
  const main = screen(name);
  const ctx = { main, query, stale: () => token !== routeToken };
  try {
    await render(ctx, ...groups.slice(1).map(decodeURIComponent));
  } catch (error) {
    if (ctx.stale()) return;
    if (error.status === 401 && await impersonationRefused(error)) return;
    if (error.status === 401 && !(await stillSignedIn())) { renderSignin('Your session has ended; sign in again.'); return; }
    showError(error);
    main.append(h('p', { class: 'muted' }, 'This screen could not be loaded.'));
    forbiddenHelp(main, error);
  }
  if (!ctx.stale()) setState('ready');
}

/* ------------------------------------------------------------------ small building blocks */

function dataTable(id, className, headers, rows) {
  return h('div', { class: 'table-wrap' }, h('table', { id, class: className },
    h('thead', {}, h('tr', {}, headers.map((label) => (label instanceof Node ? label : h('th', { scope: 'col' }, label))))),
    h('tbody', {}, rows)));
}

function emptyRow(columns, text = 'Nothing here yet.') {
  return h('tr', { class: 'empty' }, h('td', { colspan: columns }, text));
}

/** Prev/next buttons and the position: offset paging when `total` is known or guessable. */
function pager({ offset, limit, count, total, hasNext, hasPrev, onPage, page }) {
  const first = count ? offset + 1 : 0;
  const info = page != null ? `Page ${page}` : count ? `${first}–${offset + count}${total != null ? ` of ${total}` : ''}` : (total ? `None here (of ${total})` : 'No results');
  const more = hasNext ?? (total != null ? offset + count < total : count === limit);
  const back = hasPrev ?? offset > 0;
  return h('div', { class: 'pager' },
    h('button', { id: 'prev', type: 'button', disabled: !back, onclick: () => onPage(-1) }, '‹ Previous'),
    h('span', { id: 'page-info' }, info),
    h('button', { id: 'next', type: 'button', disabled: !more, onclick: () => onPage(1) }, 'Next ›'));
}

/** One page of the list operation `opId`: {items, total, cursor}. */
async function listPage(opId, options) {
  const { data } = await api(opId, options);
  return readPage(listShape(spec.op(opId).response), data);
}

/** The caller's own API keys (first 100), for suggestions; [] when the API has none or refuses. */
function ownKeys() {
  return spec.has('authListAPIKeys') && !impersonating() ? listPage('authListAPIKeys', { query: { limit: 100 } }).then((p) => p.items, () => []) : Promise.resolve([]);
}

/**
 * Fills `holder` with `render(items, reload)` and a pager, 20 a page; `query()` adds filters.
 * Answers `show(offset)`, which reloads (call it inside busy()).
 */
async function pagedList(holder, opId, render, { path = [], query = () => ({}), stale = () => false } = {}) {
  const limit = 20;
  const show = async (offset = 0) => {
    const page = await listPage(opId, { path, query: { ...query(), limit, offset: offset || null } });
    const content = await render(page.items, () => busy(() => show(offset)));
    if (stale()) return;
    holder.replaceChildren(content, pager({ offset, limit, count: page.items.length, total: page.total,
      onPage: (step) => busy(() => show(Math.max(0, offset + step * limit))) }));
  };
  await show(0);
  return show;
}

function statusBadge(status) {
  return h('span', { class: `badge ${status}` }, status);
}

/** Puts each field error next to its input (`[data-member]` wrapper or input name) in `form`. */
function placeFieldErrors(form, errors, alias = {}) {
  for (const old of form.querySelectorAll('.field-error')) old.remove();
  for (const error of errors) {
    const path = String(error.field || '');
    const candidates = [path, path.split('.').pop(), path.replace(/\[\d+\]$/, '').split('.').pop(), snake(path.split('.').pop())];
    const member = candidates.map((c) => alias[c] || c).find((c) => form.querySelector(`[data-member="${CSS.escape(c)}"]`));
    if (!member) continue;
    error.placed = true;
    form.querySelector(`[data-member="${CSS.escape(member)}"]`).append(h('div', { class: 'field-error', dataset: { field: member } }, error.message));
  }
  form.querySelector('.field-error')?.parentNode.querySelector('input,select,textarea')?.focus();
}

function field(member, label, control, hint) {
  return h('div', { class: 'field', dataset: { member } }, h('label', { for: control.id || null }, label), control, hint ? h('small', { class: 'hint' }, hint) : null);
}

async function copyText(text, button) {
  try { await navigator.clipboard.writeText(text); button.textContent = 'Copied'; } catch { button.textContent = 'Select and copy'; }
}

function secretBox(id, title, secret) {
  const button = h('button', { type: 'button', id: `${id}-copy`, dataset: { action: 'copy' } }, 'Copy');
  button.addEventListener('click', () => copyText(secret, button));
  return h('div', { id, class: 'secret' }, h('strong', {}, title), h('code', { class: 'secret-value' }, secret), button,
    h('p', { class: 'muted' }, 'Shown this once: store it now. It cannot be read again.'));
}

/* ------------------------------------------------------------------ screen: sign-in */

function renderSignin(message) {
  renderNav(null);
  renderSessionBar();
  renderImpersonation();
  const main = screen('signin');
  setState('signin');
  if (message) showError(message);
  // The realms the document offers: app accounts (authLogin) and platform admins (platformLogin).
  const realms = [spec.has('authLogin') && ['app', 'App account'], spec.has('platformLogin') && ['platform', 'Platform admin']].filter(Boolean);
  if (!realms.length) {
    main.append(h('p', {}, 'This API has no password sign-in, so the console cannot be used with it.'));
    return;
  }
  const email = h('input', { id: 'signin-email', name: 'email', type: 'email', autocomplete: 'username', required: true });
  const password = h('input', { id: 'signin-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const hint = h('p', { class: 'muted realm-hint' });
  const realmOf = () => form.querySelector('input[name=realm]:checked')?.value || realms[0][0];
  const describe = () => {
    hint.textContent = realmOf() === 'platform'
      ? 'A platform operator account (not an app account): end users, organizations, impersonation and platform admins.'
      : 'An app account with an admin role: tables, API keys, webhooks, limits, audit and usage.';
  };
  const form = h('form', { id: 'signin', class: 'card narrow', onsubmit: async (event) => {
    event.preventDefault();
    setState('loading');
    showError('');
    try {
      await signIn(email.value.trim(), password.value, realmOf());
      renderSessionBar();
      if (/^#\/./.test(location.hash)) await route(); else location.hash = '#/tables';
    } catch (error) {
      clearSession();
      setState('signin');
      showError(error);
      password.select();
    }
  } },
  h('h1', {}, `Sign in to ${spec.doc.info?.title || 'the API'}`),
  realms.length > 1 ? h('fieldset', { class: 'realm' }, h('legend', {}, 'Sign in as'),
    realms.map(([value, label], index) => h('label', { class: 'check' },
      h('input', { type: 'radio', name: 'realm', value, checked: index === 0, onchange: describe }), label))) : null,
  hint,
  field('email', 'Email', email), field('password', 'Password', password),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Sign in')));
  describe();
  main.append(form);
  email.focus();
}

/* ------------------------------------------------------------------ screen: tables */

async function renderTables({ main }) {
  main.append(h('h1', {}, 'Tables'));
  if (canSwitch()) {
    main.append(h('p', { class: 'muted' }, currentOrg()
      ? `Records of organization ${orgName(currentOrg())}.`
      : 'Tables whose records belong to an organization switch the session to it when opened.'));
  }
  main.append(h('ul', { id: 'tables', class: 'tiles' }, [...tables.values()].map((t) => h('li', {},
    h('a', { href: `#/tables/${encodeURIComponent(t.tag)}`, dataset: { table: t.tag } }, t.tag),
    h('p', { class: 'muted' }, t.description),
    h('span', { class: 'ops' }, ['list', t.item && 'view', t.create && 'create', (t.update || t.replace) && 'edit', t.remove && 'delete'].filter(Boolean).join(' · '))))));
}

/* ------------------------------------------------------------------ screen: records */

/**
 * Cursor paging: the pages reached by "Next" for ONE list query (table, filter, sort, search:
 * everything but the cursor), each cursor with its page number and the cursor before it. A
 * different query starts a new trail; Back and Forward land on a cursor the trail knows (its
 * number and previous page stay right), and a cursor it does not know (a bookmark, a query
 * left and come back to) has an unknown number and "Previous" leads to the first page.
 */
const cursorTrail = { query: null, pages: new Map() };

function cursorPage(table, state) {
  const query = JSON.stringify([table.tag, ...Object.entries(state).filter(([k, v]) => k !== 'cursor' && v !== '').sort()]);
  if (cursorTrail.query !== query) {
    cursorTrail.query = query;
    cursorTrail.pages = new Map([['', { number: 1, previous: null }]]);
  }
  const cursor = state.cursor || '';
  return { cursor, ...(cursorTrail.pages.get(cursor) || { number: null, previous: '' }) };
}

async function renderRecords(ctx, tag) {
  const { main, query } = ctx;
  const table = tables.get(tag);
  if (!table) throw new ApiError(404, `There is no table ${tag}.`);
  main.append(h('nav', { class: 'crumbs' }, h('a', { href: '#/tables' }, 'Tables'), ' / ', tag));
  if (!(await ensureOrganization(table.list, main)) || ctx.stale()) return;
  const limit = Number(query.get('limit')) || spec.norm(table.list.query.limit?.schema).default || 20;
  const offset = Number(query.get('offset')) || 0;
  const params = { limit, sort: query.get('sort'), filter: query.get('filter') };
  if (table.search) params[table.search] = query.get(table.search);
  for (const option of table.options) params[option.name] = query.get(option.name);
  if (table.paging === 'offset') params.offset = offset || null;
  if (table.paging === 'cursor') params.cursor = query.get('cursor');
  const { data } = await api(table.list.id, { query: params });
  if (ctx.stale()) return;
  const page = readPage(table.listShape, data);
  const state = Object.fromEntries(query.entries());
  const reload = (changes) => go(`/tables/${encodeURIComponent(tag)}`, { ...state, ...changes });

  main.append(h('div', { class: 'heading' }, h('h1', {}, tag),
    table.create ? h('a', { id: 'new-record', class: 'button primary', href: `#/tables/${encodeURIComponent(tag)}/new` }, `New ${tag} record`) : null));
  if (table.description) main.append(h('p', { class: 'muted' }, table.description));
  if (table.filterable.length) main.append(filterForm(table, state, reload));
  if (table.search || table.options.length) main.append(searchForm(table, state, reload));
  main.append(recordsTable(table, page.items, state, reload));
  main.append(recordsPager(table, page, { limit, offset, state, reload }));
}

function filterForm(table, state, reload) {
  const fieldSelect = h('select', { name: 'field', 'aria-label': 'Field' }, table.filterable.map((f) => h('option', { value: f }, f)));
  const opSelect = h('select', { name: 'op', 'aria-label': 'Operator' }, (table.filterOps.length ? table.filterOps : FILTER_OPS).map(([op, label]) => h('option', { value: op }, label === op ? op : `${op}  (${label})`)));
  const value = h('input', { name: 'value', type: 'text', placeholder: 'value', 'aria-label': 'Value' });
  const condition = () => {
    const op = opSelect.value;
    if (op.startsWith('is ')) return `${fieldSelect.value} ${op}`;
    return `${fieldSelect.value} ${op} ${literal(value.value, fieldSchema(table, fieldSelect.value))}`;
  };
  const current = state.filter || '';
  return h('form', { id: 'filter', class: 'toolbar', onsubmit: (event) => {
    event.preventDefault();
    reload({ filter: condition(), offset: '', cursor: '' });
  } },
  h('span', { class: 'label' }, 'Filter'), fieldSelect, opSelect, value,
  h('button', { type: 'submit' }, 'Apply'),
  current ? h('button', { type: 'button', dataset: { action: 'and' }, onclick: () => reload({ filter: `(${current}) && ${condition()}`, offset: '', cursor: '' }) }, 'And') : null,
  current ? h('button', { type: 'button', dataset: { action: 'clear-filter' }, onclick: () => reload({ filter: '', offset: '', cursor: '' }) }, 'Clear') : null,
  current ? h('code', { id: 'filter-expression' }, current) : null);
}

function literal(text, schema) {
  const type = spec.baseType(schema);
  const trimmed = text.trim();
  if ((type === 'integer' || type === 'number') && trimmed !== '' && !Number.isNaN(Number(trimmed))) return String(Number(trimmed));
  if (type === 'boolean' && /^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase();
  if (/^null$/i.test(trimmed)) return 'null';
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function searchForm(table, state, reload) {
  const inputs = [];
  if (table.search) inputs.push(h('input', { name: table.search, type: 'search', placeholder: 'Search words', value: state[table.search] || '', 'aria-label': 'Search' }));
  for (const option of table.options) {
    const select = h('select', { name: option.name, 'aria-label': option.name },
      h('option', { value: '' }, `${option.name}: default`),
      spec.enumOf(option.schema).map((v) => h('option', { value: v }, `${option.name}: ${v}`)));
    select.value = state[option.name] || '';
    inputs.push(select);
  }
  return h('form', { id: 'search', class: 'toolbar', onsubmit: (event) => {
    event.preventDefault();
    reload({ ...Object.fromEntries(inputs.map((i) => [i.name, i.value])), offset: '', cursor: '' });
  } }, h('span', { class: 'label' }, 'Show'), inputs, h('button', { type: 'submit' }, 'Search'));
}

function visibleColumns(table) {
  const idName = table.idColumn?.name;
  const rest = table.columns.filter((c) => c.name !== idName && fieldKind(c.schema) !== 'json');
  return [table.idColumn, ...rest.slice(0, 7)].filter(Boolean);
}

function recordsTable(table, items, state, reload) {
  const columns = visibleColumns(table);
  const sort = state.sort || '';
  const headers = columns.map((c) => {
    if (!table.sortable.includes(c.name)) return h('th', { scope: 'col' }, c.name);
    const direction = sort === c.name || sort === `+${c.name}` ? 'ascending' : sort === `-${c.name}` ? 'descending' : 'none';
    const toggle = () => reload({ sort: direction === 'ascending' ? `-${c.name}` : c.name, offset: '', cursor: '' });
    return h('th', { scope: 'col', class: 'sortable', tabindex: 0, 'aria-sort': direction, dataset: { sort: c.name },
      onclick: toggle, onkeydown: (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); toggle(); } } },
    c.name, h('span', { class: 'arrow', 'aria-hidden': 'true' }, direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''));
  });
  const rows = items.map((record) => {
    const id = recordId(table, record);
    const href = `#/tables/${encodeURIComponent(table.tag)}/${encodeURIComponent(id)}`;
    return h('tr', { dataset: { id: String(id) }, class: 'clickable', onclick: (event) => { if (!event.target.closest('a,button')) location.hash = href; } },
      columns.map((c) => h('td', { title: typeof dig(record, c.path) === 'string' ? dig(record, c.path) : null },
        c === table.idColumn ? h('a', { href }, String(id)) : fmtValue(dig(record, c.path), c.schema))));
  });
  return dataTable(null, 'records', headers, rows.length ? rows : [emptyRow(columns.length, 'No records match.')]);
}

function recordsPager(table, page, { limit, offset, state, reload }) {
  if (table.paging === 'cursor') {
    const here = cursorPage(table, state);
    return pager({ offset: 0, limit, count: page.items.length, page: here.number ?? '?', hasPrev: here.cursor !== '', hasNext: Boolean(page.cursor),
      onPage: (step) => {
        if (step > 0) {
          if (!cursorTrail.pages.has(page.cursor)) cursorTrail.pages.set(page.cursor, { number: here.number == null ? null : here.number + 1, previous: here.cursor });
          reload({ cursor: page.cursor });
        } else {
          reload({ cursor: here.previous || '' });
        }
      } });
  }
  return pager({ offset, limit, count: page.items.length, total: page.total, onPage: (step) => reload({ offset: Math.max(0, offset + step * limit) || '' }) });
}

/* ------------------------------------------------------------------ screen: one record */

async function renderRecord(ctx, tag, id) {
  const { main } = ctx;
  const table = tables.get(tag);
  if (!table) throw new ApiError(404, `There is no table ${tag}.`);
  main.append(h('nav', { class: 'crumbs' }, h('a', { href: '#/tables' }, 'Tables'), ' / ',
    h('a', { href: `#/tables/${encodeURIComponent(tag)}` }, tag), ' / ', id ?? 'new'));
  if (!(await ensureOrganization(table.item || table.list, main)) || ctx.stale()) return;
  if (id == null && !table.create) throw new ApiError(405, `The API offers no way to create ${tag} records.`);
  if (id != null && !table.item) throw new ApiError(405, `The API offers no way to read one ${tag} record.`);
  let record = null;
  let etag = null;
  if (id != null) {
    const answer = await api(table.item.id, { path: [id] });
    record = dig(answer.data, table.record.path);
    etag = answer.headers.get('ETag');
  }
  const relations = await relationOptions(table);
  if (ctx.stale()) return;
  main.append(h('h1', {}, id == null ? `New ${tag} record` : `${tag} ${id}`));
  if (record) main.append(readOnlyDetails(table, record));
  main.append(recordForm(table, record, etag, relations));
}

function readOnlyDetails(table, record) {
  const shown = table.columns.filter((c) => !table.writable.has(c.name));
  return h('dl', { class: 'details' }, shown.flatMap((c) => [h('dt', {}, c.name), h('dd', {}, fmtValue(dig(record, c.path), c.schema))]));
}

/** Datalist options for relation members (`References <table>`): the related table's first 100 records. */
async function relationOptions(table) {
  const options = new Map();
  await Promise.all([...table.writable.entries()].map(async ([name, schema]) => {
    const related = relatedTable({ schema });
    if (!related) return;
    const label = labelColumn(related);
    try {
      const { data } = await api(related.list.id, { query: { limit: 100 } });
      options.set(name, readPage(related.listShape, data).items.map((r) => [recordId(related, r), label ? dig(r, label.path) : '']));
    } catch { /* the field stays a plain input */ }
  }));
  return options;
}

function recordForm(table, record, etag, relations) {
  const creating = !record;
  const canSave = creating ? Boolean(table.create) : Boolean(table.update || table.replace);
  const shape = creating ? table.createShape : table.updateShape;
  const position = (name) => { const i = table.columns.findIndex((c) => c.name === name); return i < 0 ? table.columns.length : i; };
  const members = [...table.writable.keys()].filter((name) => name in shape.props).sort((a, b) => position(a) - position(b));
  const inputs = new Map();
  const form = h('form', { id: 'record', class: 'card', noValidate: true });
  for (const name of members) {
    const schema = table.writable.get(name);
    const column = table.columns.find((c) => c.name === name);
    const value = record ? dig(record, column?.path || [name]) : spec.norm(schema).default;
    const control = inputFor(name, schema, value, relations.get(name), !canSave);
    inputs.set(name, { control, schema, original: value });
    const required = shape.required.includes(name);
    form.append(field(name, [name, required ? h('span', { class: 'req', title: 'required' }, ' *') : null], control, spec.norm(schema).description));
  }
  const actions = h('div', { class: 'actions' });
  if (canSave) actions.append(h('button', { type: 'submit', class: 'primary' }, creating ? 'Create' : 'Save'));
  if (!creating && table.remove) actions.append(h('button', { id: 'delete', type: 'button', class: 'danger', onclick: () => deleteRecord(table, record) }, 'Delete'));
  actions.append(h('a', { class: 'button', href: `#/tables/${encodeURIComponent(table.tag)}` }, 'Back to the list'));
  form.append(actions);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(() => saveRecord(table, record, etag, form, inputs));
  });
  return form;
}

function inputFor(name, schema, value, relation, disabled) {
  const kind = fieldKind(schema);
  const s = spec.norm(schema);
  const id = `field-${name}`;
  const common = { id, name, disabled };
  if (kind === 'boolean') return h('input', { ...common, type: 'checkbox', checked: Boolean(value) });
  if (kind === 'enum') {
    const select = h('select', common, h('option', { value: '' }, '—'), spec.enumOf(schema).map((v) => h('option', { value: String(v) }, String(v))));
    select.value = value == null ? '' : String(value);
    return select;
  }
  if (kind === 'json') return h('textarea', { ...common, class: 'json', rows: 4, spellcheck: 'false', value: value === undefined || value === null ? '' : JSON.stringify(value, null, 2) });
  if (kind === 'textarea') return h('textarea', { ...common, rows: 4, maxlength: s.maxLength, value: value ?? '' });
  if (kind === 'integer' || kind === 'number') {
    return h('input', { ...common, type: 'number', step: kind === 'integer' ? 1 : 'any', min: s.minimum, max: s.maximum, value: value ?? '' });
  }
  if (kind === 'datetime') return h('input', { ...common, type: 'datetime-local', step: 1, value: isoToInput(value) });
  if (kind === 'date') return h('input', { ...common, type: 'date', value: value ?? '' });
  const input = h('input', { ...common, type: kind === 'email' ? 'email' : s.writeOnly ? 'password' : 'text', maxlength: s.maxLength, value: value ?? '',
    autocomplete: s.writeOnly ? 'new-password' : 'off', list: relation ? `${id}-options` : null });
  if (!relation) return input;
  return h('span', { class: 'with-options' }, input, h('datalist', { id: `${id}-options` }, relation.map(([v, label]) => h('option', { value: String(v) }, label ? String(label) : null))));
}

/** The value of one input, typed by its schema; throws {field, message} for unreadable input. */
function readInput(name, { control, schema }) {
  const input = control.matches('input,select,textarea') ? control : control.querySelector('input');
  const kind = fieldKind(schema);
  const raw = input.value;
  const empty = spec.nullable(schema) ? null : undefined;
  if (kind === 'boolean') return input.checked;
  if (raw.trim() === '') return kind === 'textarea' || kind === 'text' || kind === 'email' ? (spec.nullable(schema) ? null : raw) : empty;
  if (kind === 'integer' || kind === 'number') {
    const number = Number(raw);
    if (Number.isNaN(number) || (kind === 'integer' && !Number.isInteger(number))) throw { field: name, message: `must be ${kind === 'integer' ? 'a whole number' : 'a number'}` };
    return number;
  }
  if (kind === 'enum') {
    const match = spec.enumOf(schema).find((v) => String(v) === raw);
    return match === undefined ? raw : match;
  }
  if (kind === 'datetime') return inputToIso(raw);
  if (kind === 'json') {
    try { return JSON.parse(raw); } catch { throw { field: name, message: 'must be valid JSON' }; }
  }
  return raw;
}

function collectValues(inputs, creating) {
  const values = {};
  const problems = [];
  for (const [name, entry] of inputs) {
    try {
      const value = readInput(name, entry);
      if (value === undefined) continue;
      if (creating ? value === null || value === '' : JSON.stringify(value) === JSON.stringify(entry.original ?? null)) continue;
      values[name] = value;
    } catch (problem) {
      problems.push(problem);
    }
  }
  return { values, problems };
}

async function saveRecord(table, record, etag, form, inputs) {
  const creating = !record;
  const patching = !creating && Boolean(table.update);
  const { values, problems } = collectValues(inputs, creating || !patching);
  placeFieldErrors(form, problems);
  if (problems.length) throw new ApiError(0, 'Some fields need attention.', problems);
  if (patching && !Object.keys(values).length) { showNotice('Nothing changed.'); return; }
  const op = creating ? table.create : patching ? table.update : table.replace;
  const headers = !creating && etag && op.header.includes('If-Match') ? { 'If-Match': etag } : {};
  const body = wrapBody(creating ? table.createShape : table.updateShape, values);
  try {
    const answer = await api(op.id, { path: creating ? [] : [recordId(table, record)], body, headers });
    const saved = dig(answer.data, recordShape(op.response).path) || record;
    const id = recordId(table, saved);
    showNotice(creating ? `Created ${table.tag} ${id}.` : `Saved ${table.tag} ${id}.`, { keep: true });
    const target = `#/tables/${encodeURIComponent(table.tag)}/${encodeURIComponent(id)}`;
    if (location.hash === target) await route(); else location.hash = target;
  } catch (error) {
    placeFieldErrors(form, error.fieldErrors || []);
    throw error;
  }
}

async function deleteRecord(table, record) {
  const id = recordId(table, record);
  if (!window.confirm(`Delete ${table.tag} ${id}? This cannot be undone.`)) return;
  await busy(async () => {
    await api(table.remove.id, { path: [id] });
    showNotice(`Deleted ${table.tag} ${id}.`, { keep: true });
    location.hash = `#/tables/${encodeURIComponent(table.tag)}`;
  });
}

/* ------------------------------------------------------------------ screen: API keys */

async function renderKeys({ main, stale }) {
  main.append(h('h1', {}, 'API keys'));
  main.append(h('p', { class: 'muted' }, currentOrg() ? `Keys made now are bound to organization ${orgName(currentOrg())}.` : 'Your API keys. The secret of a key is shown once, when it is made.'));
  const holder = h('div', { id: 'keys-list' });
  main.append(holder);
  const show = await pagedList(holder, 'authListAPIKeys', keysTable, { stale });
  if (spec.has('authCreateAPIKey')) main.append(newKeyForm(() => show(0)));
}

function keysTable(keys, reload) {
  const usageParam = spec.has('listUsage') ? memberOf(spec.op('listUsage').query, 'api_key_id') : null;
  const rows = keys.map((key) => {
    const expires = get(key, 'expires_at');
    const expired = expires && new Date(expires) < new Date();
    const actions = h('td', { class: 'row-actions' });
    if (usageParam) actions.append(h('a', { class: 'button small', href: `#/usage?${usageParam}=${encodeURIComponent(key.id)}`, dataset: { action: 'usage' } }, 'Usage'));
    if (spec.has('getAPIKeyRateLimitTier')) actions.append(h('a', { class: 'button small', href: `#/limits?key_id=${encodeURIComponent(key.id)}`, dataset: { action: 'tier' } }, 'Tier'));
    if (spec.has('authRevokeAPIKey')) {
      actions.append(h('button', { type: 'button', class: 'small danger', dataset: { action: 'revoke' }, onclick: () => {
        if (!window.confirm(`Revoke the key "${get(key, 'name')}"? It stops working at once.`)) return;
        busy(async () => {
          await api('authRevokeAPIKey', { path: [key.id] });
          showNotice(`Revoked the key ${get(key, 'name')}.`);
          await reload();
        });
      } }, 'Revoke'));
    }
    return h('tr', { dataset: { id: key.id } },
      h('td', {}, get(key, 'name')),
      h('td', {}, h('code', {}, `${get(key, 'prefix') || ''}…${get(key, 'last_four') || ''}`)),
      h('td', {}, get(key, 'environment') || '—'),
      h('td', { class: 'scopes' }, (get(key, 'scopes') || []).join(' ') || (get(key, 'service') ? `service ${get(key, 'service')}` : '—')),
      h('td', {}, expires ? fmtTime(expires) : 'never'),
      h('td', {}, get(key, 'last_used_at') ? fmtTime(get(key, 'last_used_at')) : 'never'),
      h('td', {}, statusBadge(expired ? 'expired' : 'active')),
      actions);
  });
  return dataTable('keys', 'list', ['Name', 'Key', 'Environment', 'Scopes', 'Expires', 'Last used', 'State', ''], rows.length ? rows : [emptyRow(8, 'No keys yet.')]);
}

function newKeyForm(afterCreate) {
  const shape = bodyShape(spec.op('authCreateAPIKey').body);
  const props = shape.props;
  const key = (name) => memberOf(props, name);
  const form = h('form', { id: 'new-key', class: 'card', noValidate: true });
  const alias = {};
  const add = (name, label, control, hint) => { if (key(name)) { alias[key(name)] = name; form.append(field(name, label, control, hint)); } };
  form.append(h('h2', {}, 'New key'));
  add('name', 'Name', h('input', { id: 'key-name', name: 'name', type: 'text', maxlength: spec.norm(props[key('name')] || {}).maxLength, required: true }));
  const scopeChoices = key('scopes') ? spec.itemEnum(props[key('scopes')]) : [];
  add('scopes', 'Scopes', scopeChoices.length
    ? h('div', { class: 'checks', role: 'group' }, scopeChoices.map((scope) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'scopes', value: scope }), scope)))
    : h('input', { id: 'key-scopes', name: 'scopes', type: 'text', placeholder: 'comma-separated, e.g. tasks:read,tasks:write' }),
  'Never more than your own scopes.');
  const environments = key('environment') ? spec.enumOf(props[key('environment')]) : [];
  add('environment', 'Environment', environments.length
    ? h('select', { id: 'key-environment', name: 'environment' }, environments.map((e) => h('option', { value: e }, e)))
    : h('input', { id: 'key-environment', name: 'environment', type: 'text' }));
  add('expires_at', 'Expires (UTC)', h('input', { id: 'key-expires', name: 'expires_at', type: 'datetime-local', step: 1 }), 'Empty: never.');
  add('allowed_cidrs', 'Allowed addresses', h('input', { id: 'key-cidrs', name: 'allowed_cidrs', type: 'text', placeholder: '10.0.0.0/8, 203.0.113.7' }), 'Empty: any address.');
  const output = h('div', { class: 'output' });
  form.append(h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Create key')), output);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(async () => {
      const read = (name) => form.elements.namedItem(name);
      const scopes = scopeChoices.length
        ? [...form.querySelectorAll('input[name=scopes]:checked')].map((i) => i.value)
        : (read('scopes')?.value || '').split(',').map((s) => s.trim()).filter(Boolean);
      const values = { [key('name')]: read('name').value.trim() };
      if (key('scopes') && scopes.length) values[key('scopes')] = scopes;
      if (key('environment') && read('environment')?.value) values[key('environment')] = read('environment').value;
      if (key('expires_at') && read('expires_at').value) values[key('expires_at')] = inputToIso(read('expires_at').value);
      const cidrs = (read('allowed_cidrs')?.value || '').split(',').map((s) => s.trim()).filter(Boolean);
      if (key('allowed_cidrs') && cidrs.length) values[key('allowed_cidrs')] = cidrs;
      placeFieldErrors(form, []);
      try {
        const { data } = await api('authCreateAPIKey', { body: wrapBody(shape, values) });
        const created = dig(data, recordShape(spec.op('authCreateAPIKey').response).path);
        output.replaceChildren(secretBox('key-secret', `Key "${get(created, 'name')}" created:`, get(created, 'key')));
        showNotice(`Created the key ${get(created, 'name')}.`);
        form.querySelector('input[name=name]').value = '';
        await afterCreate();
      } catch (error) {
        placeFieldErrors(form, error.fieldErrors || [], alias);
        throw error;
      }
    });
  });
  return form;
}

/* ------------------------------------------------------------------ screen: webhooks */

/** The event patterns a subscription body (`props`) may name: its item enum, else the document's webhooks. */
function eventChoices(props) {
  const fromSchema = spec.itemEnum(props[memberOf(props, 'event_types')] || {});
  if (fromSchema.length) return fromSchema;
  const names = Object.keys(spec.doc.webhooks || {});
  return ['*', ...new Set(names.map((n) => `${n.split('.')[0]}.*`)), ...names];
}

async function renderWebhooks({ main, stale }) {
  main.append(h('h1', {}, 'Webhooks'));
  const holder = h('div', { id: 'webhooks-list' });
  main.append(holder);
  const show = await pagedList(holder, 'listWebhookSubscriptions', webhooksTable, { stale });
  if (!spec.has('createWebhookSubscription')) return;
  main.append(webhookForm('createWebhookSubscription', null, {
    id: 'new-webhook', title: 'New subscription', submitLabel: 'Create subscription',
    onSaved: async (created, output) => {
      output.replaceChildren();
      if (get(created, 'secret')) output.append(secretBox('webhook-secret', 'Signing secret:', get(created, 'secret')));
      showNotice(`Created the subscription ${created.id}.`);
      await show(0);
    },
  }));
}

function webhooksTable(subscriptions, reload) {
  const rows = subscriptions.map((sub) => {
    const href = `#/webhooks/${encodeURIComponent(sub.id)}`;
    const enabled = get(sub, 'enabled') !== false;
    return h('tr', { dataset: { id: sub.id } },
      h('td', {}, h('a', { href }, get(sub, 'url'))),
      h('td', {}, get(sub, 'description') || '—'),
      h('td', { class: 'scopes' }, (get(sub, 'event_types') || []).join(' ')),
      h('td', { title: get(sub, 'disabled_reason') || '' }, statusBadge(enabled ? 'enabled' : 'disabled')),
      h('td', {}, fmtTime(get(sub, 'created_at'))),
      h('td', { class: 'row-actions' },
        h('a', { class: 'button small', href, dataset: { action: 'deliveries' } }, 'Deliveries'),
        spec.has('sendWebhookTest') ? h('button', { type: 'button', class: 'small', dataset: { action: 'test' }, onclick: () => sendTest(sub, reload) }, 'Test') : null,
        spec.has('deleteWebhookSubscription') ? h('button', { type: 'button', class: 'small danger', dataset: { action: 'delete' }, onclick: () => {
          if (!window.confirm(`Delete the subscription to ${get(sub, 'url')}? Its pending deliveries are dropped.`)) return;
          busy(async () => {
            await api('deleteWebhookSubscription', { path: [sub.id] });
            showNotice(`Deleted the subscription to ${get(sub, 'url')}.`);
            await reload();
          });
        } }, 'Delete') : null));
  });
  return dataTable('webhooks', 'list', ['URL', 'Description', 'Events', 'State', 'Created', ''], rows.length ? rows : [emptyRow(6, 'No subscriptions yet.')]);
}

function sendTest(sub, reload) {
  return busy(async () => {
    const { data } = await api('sendWebhookTest', { path: [sub.id] });
    showNotice(`Queued the test message ${get(data, 'id') || ''} for ${get(sub, 'url')}.`);
    await reload();
  });
}

/**
 * A subscription's form for the operation `opId`, offering only the members its request body
 * declares: a create (`sub` null: empty, every member sent) or an update (`sub`: prefilled from
 * it, only the members changed sent, an emptied description cleared). `onSaved(answer, output)`
 * gets the subscription the API answered and the form's output box.
 */
function webhookForm(opId, sub, { id, title, submitLabel, onSaved }) {
  const editing = Boolean(sub);
  const op = spec.op(opId);
  const shape = bodyShape(op.body);
  const props = shape.props;
  const key = (name) => memberOf(props, name);
  const offered = (name) => Boolean(key(name)) || (!editing && ['url', 'event_types'].includes(name));
  const alias = { [key('event_types') || 'event_types']: 'events' };
  const before = {
    url: editing ? get(sub, 'url') || '' : '',
    description: editing ? String(get(sub, 'description') ?? '').trim() : '',
    events: editing ? get(sub, 'event_types') || [] : [],
    enabled: editing ? get(sub, 'enabled') !== false : true,
  };
  const hint = (name) => spec.norm(props[key(name)] || {}).description;
  const form = h('form', { id, class: 'card', noValidate: true },
    h('h2', {}, title),
    offered('url') ? field('url', 'URL', h('input', { id: `${id}-url`, name: 'url', type: 'url', placeholder: 'https://example.com/hooks/loom',
      required: true, value: before.url }), hint('url')) : null,
    offered('description') ? field('description', 'Description', h('input', { id: `${id}-description`, name: 'description', type: 'text',
      maxlength: spec.norm(props[key('description')] || {}).maxLength, value: before.description }), editing ? 'Empty: no description.' : null) : null,
    offered('event_types') ? field('events', 'Events', h('div', { class: 'checks', role: 'group', 'aria-label': 'Events' },
      [...new Set([...eventChoices(props), ...before.events])].map((name) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'events', value: name, checked: before.events.includes(name) }), name)))) : null,
    offered('enabled') ? field('enabled', 'Enabled', h('input', { id: `${id}-enabled`, name: 'enabled', type: 'checkbox', checked: before.enabled })) : null);
  const output = h('div', { class: 'output' });
  form.append(h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, submitLabel)), output);
  const read = () => ({
    url: form.elements.namedItem('url')?.value.trim() ?? '',
    description: form.elements.namedItem('description')?.value.trim() ?? '',
    events: [...form.querySelectorAll('input[name=events]:checked')].map((i) => i.value),
    enabled: form.elements.namedItem('enabled')?.checked ?? true,
  });
  /** The request's members: all of them for a create, those that differ from `sub` for an update. */
  const members = (now) => {
    const values = {};
    const put = (name, value) => { if (offered(name)) values[key(name) || name] = value; };
    if (!editing) {
      put('url', now.url);
      put('event_types', now.events);
      if (now.description) put('description', now.description);
      put('enabled', now.enabled);
      return values;
    }
    if (now.url !== before.url) put('url', now.url);
    if (now.description !== before.description) {
      const clear = key('clear');
      if (now.description) put('description', now.description);
      else if (spec.nullable(props[key('description')] || {})) put('description', null);
      else if (clear && spec.enumOf(spec.norm(props[clear]).items || {}).includes(key('description'))) values[clear] = [key('description')];
    }
    const sorted = (list) => JSON.stringify([...list].sort());
    if (sorted(now.events) !== sorted(before.events)) put('event_types', now.events);
    if (now.enabled !== before.enabled) put('enabled', now.enabled);
    return values;
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(async () => {
      placeFieldErrors(form, []);
      const values = members(read());
      if (editing && !Object.keys(values).length) { showNotice('Nothing changed.'); return; }
      try {
        const { data } = await api(opId, { path: editing ? [sub.id] : [], body: wrapBody(shape, values) });
        await onSaved(dig(data, recordShape(op.response).path) || data, output);
      } catch (error) {
        placeFieldErrors(form, error.fieldErrors || [], alias);
        throw error;
      }
    });
  });
  return form;
}

/* ------------------------------------------------------------------ screen: one webhook's deliveries */

/**
 * What an action on a subscription's page answered, for the page drawn right after it: the
 * subscription (so the page shows the API's answer to the change) and a rotated secret (shown
 * this once, then forgotten). Read and emptied by the next renderWebhook.
 */
const webhookHandoff = { subscription: null, secret: null };

async function renderWebhook(ctx, id) {
  const { main, stale } = ctx;
  const handed = { ...webhookHandoff };
  webhookHandoff.subscription = null;
  webhookHandoff.secret = null;
  const fresh = handed.subscription && String(handed.subscription.id) === id;
  main.append(h('nav', { class: 'crumbs' }, h('a', { href: '#/webhooks' }, 'Webhooks'), ' / ', id));
  const sub = fresh ? handed.subscription
    : spec.has('getWebhookSubscription') ? (await api('getWebhookSubscription', { path: [id] })).data : { id };
  if (stale()) return;
  main.append(h('h1', {}, get(sub, 'url') || id), subscriptionSummary(sub));
  const settings = h('div', { class: 'grid2' });
  if (spec.has('updateWebhookSubscription') && spec.has('getWebhookSubscription')) {
    settings.append(webhookForm('updateWebhookSubscription', sub, {
      id: 'edit-webhook', title: 'Change the subscription', submitLabel: 'Save changes',
      onSaved: async (saved) => {
        webhookHandoff.subscription = saved && saved.id != null ? saved : null;
        showNotice(`Saved the subscription ${get(saved, 'url') || id}.`, { keep: true });
        await route();
      },
    }));
  }
  if (spec.has('rotateWebhookSecret')) settings.append(signingSecretCard(sub, fresh ? handed.secret : null));
  if (settings.childElementCount) main.append(settings);
  const status = h('select', { name: 'status', 'aria-label': 'Status' }, h('option', { value: '' }, 'Every status'),
    spec.enumOf(spec.op('listWebhookMessages').query.status?.schema || {}).map((s) => h('option', { value: s }, s)));
  const since = h('input', { id: 'replay-since', name: 'since', type: 'datetime-local', step: 1, value: isoToInput(new Date(Date.now() - 30 * 86400000).toISOString()) });
  const holder = h('div', { id: 'deliveries-list' });
  const attempts = h('section', { id: 'attempts', class: 'card', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Choose a message to see its attempts.'));
  let show = null;
  const load = () => show(0);
  main.append(h('div', { class: 'toolbar' },
    h('span', { class: 'label' }, 'Deliveries'), status,
    h('button', { type: 'button', dataset: { action: 'refresh' }, onclick: () => busy(load) }, 'Refresh'),
    spec.has('sendWebhookTest') ? h('button', { type: 'button', dataset: { action: 'test' }, onclick: () => sendTest(sub, load) }, 'Send a test') : null,
    spec.has('replayFailedWebhookMessages') ? [h('label', { for: 'replay-since', class: 'label' }, 'Failed since (UTC)'), since,
      h('button', { id: 'replay-all', type: 'button', onclick: () => busy(async () => {
        const body = bodyShape(spec.op('replayFailedWebhookMessages').body);
        const { data } = await api('replayFailedWebhookMessages', { path: [id], body: wrapBody(body, { [memberOf(body.props, 'since') || 'since']: inputToIso(since.value) }) });
        showNotice(`Replaying ${get(data, 'replayed') ?? 'the'} failed message(s).`);
        await load();
      }) }, 'Replay every failed message')] : null));
  status.addEventListener('change', () => busy(load));
  main.append(holder, attempts);
  show = await pagedList(holder, 'listWebhookMessages', (messages, reload) => deliveriesTable(id, messages, attempts, reload),
    { path: [id], query: () => ({ status: status.value }), stale });
}

function subscriptionSummary(sub) {
  const enabled = get(sub, 'enabled') !== false;
  const summary = h('dl', { id: 'webhook-details', class: 'details' },
    h('dt', {}, 'Events'), h('dd', { dataset: { member: 'event_types' } }, (get(sub, 'event_types') || []).join(' ') || '—'),
    h('dt', {}, 'Description'), h('dd', { dataset: { member: 'description' } }, get(sub, 'description') || '—'),
    h('dt', {}, 'State'), h('dd', {}, statusBadge(enabled ? 'enabled' : 'disabled'), get(sub, 'disabled_reason') ? ` ${get(sub, 'disabled_reason')}` : ''),
    h('dt', {}, 'Created'), h('dd', {}, fmtTime(get(sub, 'created_at'))),
    get(sub, 'updated_at') ? [h('dt', {}, 'Updated'), h('dd', {}, fmtTime(get(sub, 'updated_at')))] : null);
  const updateBody = spec.has('updateWebhookSubscription') ? bodyShape(spec.op('updateWebhookSubscription').body) : null;
  if (updateBody && memberOf(updateBody.props, 'enabled')) {
    summary.append(h('dt', {}, ''), h('dd', {}, h('button', { type: 'button', dataset: { action: 'toggle' }, onclick: () => busy(async () => {
      await api('updateWebhookSubscription', { path: [sub.id], body: wrapBody(updateBody, { [memberOf(updateBody.props, 'enabled')]: !enabled }) });
      showNotice(enabled ? 'Subscription disabled.' : 'Subscription enabled.', { keep: true });
      await route();
    }) }, enabled ? 'Disable' : 'Enable')));
  }
  return summary;
}

/**
 * The signing secret: `button[data-action=rotate-secret]` (after confirm()) makes a new one with
 * rotateWebhookSecret; the page is drawn again from the answer and shows the new secret once in
 * `#webhook-secret` (`secret`, from that answer). The old secret's grace period, when the
 * rotation's body offers one, can be chosen (empty: the API's default).
 */
function signingSecretCard(sub, secret) {
  const op = spec.op('rotateWebhookSecret');
  const body = bodyShape(op.body);
  const graceKey = memberOf(body.props, 'grace_seconds');
  const graceSchema = graceKey ? spec.norm(body.props[graceKey]) : null;
  const grace = graceKey ? h('input', { id: 'rotate-grace', name: 'grace_seconds', type: 'number', step: 1,
    min: graceSchema.minimum, max: graceSchema.maximum, placeholder: 'default' }) : null;
  const previous = get(sub, 'previous_secret_expires_at');
  const card = h('section', { id: 'signing-secret', class: 'card' }, h('h2', {}, 'Signing secret'),
    h('p', { class: 'muted' }, previous && new Date(previous) > new Date()
      ? `The secret before the last rotation still signs beside the current one until ${fmtTime(previous)} UTC.`
      : 'The secret is shown only when it is made. Rotating makes a new one.'),
    grace ? field('grace_seconds', 'Old secret keeps signing (seconds)', grace, graceSchema.description) : null);
  const rotate = h('button', { type: 'button', class: 'danger', dataset: { action: 'rotate-secret' }, onclick: () => {
    const seconds = grace ? grace.value.trim() : '';
    if (seconds !== '' && !/^\d+$/.test(seconds)) {
      showError(new ApiError(0, 'The grace period is a whole number of seconds (empty: the default).'));
      return;
    }
    const old = seconds === '' ? 'the old one keeps signing beside it for the default grace period'
      : Number(seconds) === 0 ? 'the old one stops signing at once' : `the old one keeps signing beside it for ${Number(seconds)} seconds`;
    if (!window.confirm(`Rotate the signing secret of ${get(sub, 'url') || sub.id}? The new secret is shown once; ${old}.`)) return;
    busy(async () => {
      const values = seconds === '' ? {} : { [graceKey]: Number(seconds) };
      const { data } = await api('rotateWebhookSecret', { path: [sub.id], body: op.body ? wrapBody(body, values) : undefined });
      const rotated = { ...(dig(data, recordShape(op.response).path) || data) };
      const made = get(rotated, 'secret');
      delete rotated.secret;
      webhookHandoff.subscription = rotated.id != null ? rotated : null;
      webhookHandoff.secret = made || null;
      showNotice(made ? 'Rotated the signing secret: the new one is shown below, this once.' : 'Rotated the signing secret.', { keep: true });
      if (location.hash === `#/webhooks/${encodeURIComponent(sub.id)}`) await route();
      else location.hash = `#/webhooks/${encodeURIComponent(sub.id)}`;
    });
  } }, 'Rotate the secret');
  card.append(h('div', { class: 'actions' }, rotate));
  if (secret) card.append(secretBox('webhook-secret', 'New signing secret:', secret));
  return card;
}

function deliveriesTable(subscription, messages, attemptsBox, reload) {
  const rows = messages.map((m) => {
    const replay = spec.has('replayWebhookMessage') ? h('button', { type: 'button', class: 'small', dataset: { action: 'replay' }, onclick: () => busy(async () => {
      await api('replayWebhookMessage', { path: [subscription, m.id] });
      showNotice(`Replaying message ${m.id}.`);
      await reload();
    }) }, 'Replay') : null;
    const open = (event) => {
      if (event.target.closest('button')) return;
      for (const row of event.currentTarget.parentNode.children) row.classList.toggle('selected', row === event.currentTarget);
      busy(() => showAttempts(subscription, m, attemptsBox));
    };
    return h('tr', { class: 'clickable', tabindex: 0, dataset: { id: m.id }, onclick: open,
      onkeydown: (event) => { if (event.key === 'Enter') open(event); } },
    h('td', {}, h('code', {}, m.id)), h('td', {}, get(m, 'event_type')), h('td', {}, statusBadge(get(m, 'status'))),
    h('td', {}, get(m, 'last_status') ?? '—'),
    h('td', {}, get(m, 'attempts') ?? '—'), h('td', {}, fmtTime(get(m, 'created_at'))),
    h('td', { title: get(m, 'last_error') || '' }, get(m, 'next_attempt_at') ? fmtTime(get(m, 'next_attempt_at')) : '—'),
    h('td', { class: 'row-actions' }, replay));
  });
  return dataTable('deliveries', 'list', ['Message', 'Event', 'Status', 'Response', 'Attempts', 'Created', 'Next attempt', ''],
    rows.length ? rows : [emptyRow(8, 'No deliveries.')]);
}

async function showAttempts(subscription, message, box) {
  const { items } = await listPage('listWebhookAttempts', { path: [subscription, message.id], query: { limit: 100 } });
  box.replaceChildren(h('h2', {}, `Attempts of ${message.id}`), h('p', { class: 'muted' }, `${get(message, 'event_type')}, ${get(message, 'status')}`),
    dataTable('attempts-table', 'list', ['Attempted', 'Response status', 'Duration', 'Error', 'Response body (excerpt)'],
      items.length ? items.map((a) => h('tr', { dataset: { id: a.id } },
        h('td', {}, fmtTime(get(a, 'attempted_at'))), h('td', {}, get(a, 'response_status') ?? '—'),
        h('td', {}, `${get(a, 'duration_ms') ?? '—'} ms`), h('td', {}, get(a, 'error') || '—'),
        h('td', {}, get(a, 'response_body') ? h('pre', { class: 'excerpt' }, get(a, 'response_body')) : '—')))
        : [emptyRow(5, 'No attempt yet.')]));
}

/* ------------------------------------------------------------------ screen: rate limits */

async function renderLimits({ main, query, stale }) {
  main.append(h('h1', {}, 'Rate limits'));
  if (!ensureAppLevel(spec.op('listRateLimitTiers'), main)) return;
  const [{ items: tiers }, keys] = await Promise.all([listPage('listRateLimitTiers'), ownKeys()]);
  const orgs = session.orgs;
  if (stale()) return;
  main.append(dataTable('tiers', 'list', ['Tier', 'Quota', 'Window', 'Policy', 'Default'], tiers.map((t) => h('tr', { dataset: { id: get(t, 'name') } },
    h('td', {}, get(t, 'name')), h('td', {}, get(t, 'quota')), h('td', {}, `${get(t, 'window')} s`),
    h('td', {}, `${get(t, 'quota')} requests per ${get(t, 'window')} seconds`), h('td', {}, get(t, 'default') ? statusBadge('default') : '')))));
  const names = tiers.map((t) => get(t, 'name'));
  const grid = h('div', { class: 'grid2' });
  if (spec.has('getAPIKeyRateLimitTier', 'setAPIKeyRateLimitTier')) {
    grid.append(tierForm('key-tier', 'key_id', 'API key', ['getAPIKeyRateLimitTier', 'setAPIKeyRateLimitTier'], names,
      keys.map((k) => [k.id, `${get(k, 'name')} (${get(k, 'prefix')}…${get(k, 'last_four')})`]), query.get('key_id')));
  }
  if (spec.has('getOrganizationRateLimitTier', 'setOrganizationRateLimitTier')) {
    grid.append(tierForm('organization-tier', 'organization_id', 'Organization', ['getOrganizationRateLimitTier', 'setOrganizationRateLimitTier'], names,
      orgs.map((o) => [o.id, get(o, 'name')]), query.get('organization_id')));
  }
  main.append(grid);
  const preset = grid.querySelector('form[data-preset] button[data-action=read]');
  if (preset) await readAssignment(preset.form);
}

function tierForm(id, inputName, label, [readOp, setOp], tierNames, known, preset) {
  const setBody = bodyShape(spec.op(setOp).body);
  const tierKey = memberOf(setBody.props, 'tier') || 'tier';
  const choices = spec.enumOf(setBody.props[tierKey] || {});
  const input = h('input', { id: `${id}-input`, name: inputName, type: 'text', list: `${id}-known`, value: preset || '', placeholder: `${label} id`, autocomplete: 'off' });
  const tier = h('select', { id: `${id}-select`, name: 'tier' }, h('option', { value: '' }, 'No tier of its own (inherit)'),
    (choices.length ? choices : tierNames).map((n) => h('option', { value: n }, n)));
  const form = h('form', { id, class: 'card', noValidate: true, dataset: { preset: preset ? 'yes' : null, read: readOp } },
    h('h2', {}, `Tier of an ${label === 'API key' ? 'API key' : 'organization'}`),
    field(inputName, `${label} id`, input), h('datalist', { id: `${id}-known` }, known.map(([value, text]) => h('option', { value }, text))),
    field('tier', 'Tier', tier),
    h('output', { class: 'assignment', for: input.id }, 'Read the assignment first.'),
    h('div', { class: 'actions' },
      h('button', { type: 'button', dataset: { action: 'read' }, onclick: (event) => busy(() => readAssignment(event.currentTarget.form)) }, 'Read'),
      h('button', { type: 'submit', class: 'primary' }, 'Set tier')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(async () => {
      placeFieldErrors(form, []);
      try {
        const { data } = await api(setOp, { path: [input.value.trim()], body: wrapBody(setBody, { [tierKey]: tier.value || null }) });
        showAssignment(form, data);
        showNotice(`${label} ${input.value.trim()}: tier ${get(data, 'tier') || 'none of its own'}, effective ${get(data, 'effective_tier')}.`);
      } catch (error) {
        placeFieldErrors(form, error.fieldErrors || [], { id: inputName });
        throw error;
      }
    });
  });
  return form;
}

async function readAssignment(form) {
  const value = form.querySelector('input[type=text]').value.trim();
  if (!value) throw new ApiError(0, 'Enter an id first.');
  const { data } = await api(form.dataset.read, { path: [value] });
  showAssignment(form, data);
}

function showAssignment(form, data) {
  form.querySelector('select[name=tier]').value = get(data, 'tier') || '';
  const output = form.querySelector('.assignment');
  output.dataset.tier = get(data, 'tier') || '';
  output.dataset.effective = get(data, 'effective_tier') || '';
  output.textContent = `Assigned: ${get(data, 'tier') || 'none (inherits)'} · Effective: ${get(data, 'effective_tier') || '—'}`;
}

/* ------------------------------------------------------------------ query-parameter filter forms (audit, usage) */

function paramInput(param, value, known = []) {
  const schema = spec.norm(param.schema);
  const id = `param-${param.name}`;
  const choices = spec.enumOf(schema);
  if (choices.length) {
    const select = h('select', { id, name: param.name }, h('option', { value: '' }, 'any'), choices.map((c) => h('option', { value: c }, c)));
    select.value = value || '';
    return select;
  }
  if (schema.format === 'date-time') return h('input', { id, name: param.name, type: 'datetime-local', step: 1, value: isoToInput(value) });
  if (schema.format === 'date') return h('input', { id, name: param.name, type: 'date', value: value || '' });
  const list = known.length ? `${id}-known` : null;
  return h('span', { class: 'with-options' }, h('input', { id, name: param.name, type: 'text', value: value || '', list, autocomplete: 'off' }),
    list ? h('datalist', { id: list }, known.map(([v, text]) => h('option', { value: v }, text || null))) : null);
}

function paramForm(id, params, query, onApply, known = {}) {
  const form = h('form', { id, class: 'toolbar filters', noValidate: true },
    params.map((p) => h('label', { class: 'inline' }, h('span', {}, p.name.replace(/_/g, ' ')), paramInput(p, query.get(p.name), known[p.name]))),
    h('button', { type: 'submit' }, 'Apply'),
    h('button', { type: 'button', dataset: { action: 'reset' }, onclick: () => onApply({}) }, 'Reset'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = {};
    for (const p of params) {
      const input = form.elements.namedItem(p.name);
      values[p.name] = spec.format(p.schema) === 'date-time' ? inputToIso(input.value) : input.value.trim();
    }
    onApply(values);
  });
  return form;
}

/* ------------------------------------------------------------------ screen: audit log */

async function renderAudit({ main, query, stale }) {
  const op = spec.op('listAuditEvents');
  main.append(h('h1', {}, 'Audit log'));
  const filters = Object.values(op.query).filter((p) => !['limit', 'offset', 'cursor'].includes(p.name));
  const limit = 20;
  const offset = Number(query.get('offset')) || 0;
  const params = Object.fromEntries(filters.map((p) => [p.name, query.get(p.name)]));
  const known = { resource: [...tables.keys(), 'auth', 'webhook_subscriptions', 'rate_limit_tiers'].map((t) => [t, '']) };
  main.append(paramForm('audit-filter', filters, query, (values) => go('/audit', values), known));
  const page = await listPage('listAuditEvents', { query: { ...params, limit, offset: offset || null } });
  if (stale()) return;
  const rows = page.items.map((e) => h('tr', { dataset: { id: e.id } },
    h('td', {}, fmtTime(get(e, 'occurred_at'))), h('td', {}, get(e, 'actor') ?? '—'), h('td', {}, get(e, 'credential') ?? '—'),
    h('td', {}, get(e, 'action')), h('td', {}, get(e, 'resource')), h('td', {}, get(e, 'resource_id') ?? '—'),
    h('td', { class: 'scopes' }, (get(e, 'changed_fields') || []).join(', ') || '—'), h('td', {}, get(e, 'client_ip') ?? '—')));
  main.append(dataTable('audit', 'list', ['When', 'Actor', 'Credential', 'Action', 'Resource', 'Resource id', 'Changed fields', 'Client IP'],
    rows.length ? rows : [emptyRow(8, 'No events match.')]));
  main.append(pager({ offset, limit, count: page.items.length, total: page.total,
    onPage: (step) => go('/audit', { ...Object.fromEntries(query.entries()), offset: Math.max(0, offset + step * limit) || '' }) }));
}

/* ------------------------------------------------------------------ screen: usage */

async function renderUsage({ main, query, stale }) {
  const op = spec.op('listUsage');
  main.append(h('h1', {}, 'Usage'));
  const filters = Object.values(op.query).filter((p) => !['limit', 'offset', 'cursor'].includes(p.name));
  const keys = await ownKeys();
  const known = {
    [memberOf(op.query, 'api_key_id') || 'api_key_id']: keys.map((k) => [k.id, get(k, 'name')]),
    [memberOf(op.query, 'organization_id') || 'organization_id']: session.orgs.map((o) => [o.id, get(o, 'name')]),
  };
  main.append(paramForm('usage-filter', filters, query, (values) => go('/usage', values), known));
  const rows = await allUsageRows(op, Object.fromEntries(filters.map((p) => [p.name, query.get(p.name)])));
  if (stale()) return;
  const days = usageByDay(rows, query.get(memberOf(op.query, 'from') || 'from'), query.get(memberOf(op.query, 'to') || 'to'));
  main.append(h('section', { class: 'card chart' }, h('h2', {}, 'Requests per day'), usageChart(days),
    h('p', { class: 'legend muted' }, h('span', { class: 'swatch requests' }), 'requests ', h('span', { class: 'swatch errors' }), 'client and server errors')));
  main.append(dataTable('usage', 'list numbers', ['Day', 'Requests', 'Client errors (4xx)', 'Server errors (5xx)', 'Worst p95 (ms)', 'Breakdown rows'],
    days.length ? days.map((d) => h('tr', { dataset: { day: d.day } }, h('td', {}, d.day), h('td', {}, d.requests), h('td', {}, d.client),
      h('td', {}, d.server), h('td', {}, d.p95 == null ? '—' : d.p95.toFixed(1)), h('td', {}, d.rows))) : [emptyRow(6, 'No usage recorded for this selection.')]));
}

/** Every page of usage rows for the filters (at most 20 pages of the largest page size). */
async function allUsageRows(op, filters) {
  const limit = spec.norm(op.query.limit?.schema).maximum || 100;
  const shape = listShape(op.response);
  const rows = [];
  for (let offset = 0, pages = 0; pages < 20; pages += 1, offset += limit) {
    const { data } = await api(op.id, { query: { ...filters, limit, offset: offset || null } });
    const page = readPage(shape, data);
    rows.push(...page.items);
    if (page.items.length < limit || (page.total != null && rows.length >= page.total)) break;
  }
  return rows;
}

function usageByDay(rows, from, to) {
  const byDay = new Map();
  for (const row of rows) {
    const day = get(row, 'day');
    const entry = byDay.get(day) || { day, requests: 0, client: 0, server: 0, p95: null, rows: 0 };
    entry.requests += get(row, 'requests') || 0;
    entry.client += get(row, 'client_errors') || 0;
    entry.server += get(row, 'server_errors') || 0;
    const p95 = get(get(row, 'latency_ms'), 'p95');
    if (p95 != null) entry.p95 = Math.max(entry.p95 ?? 0, p95);
    entry.rows += 1;
    byDay.set(day, entry);
  }
  const known = [...byDay.keys()].sort();
  const last = to || known[known.length - 1];
  const fortnight = last ? new Date(Date.parse(`${last}T00:00:00Z`) - 13 * 86400000).toISOString().slice(0, 10) : null;
  const first = from || (known[0] && known[0] < fortnight ? known[0] : fortnight);
  if (!first || !last) return [];
  const days = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`) && days.length < 400; t += 86400000) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push(byDay.get(day) || { day, requests: 0, client: 0, server: 0, p95: null, rows: 0 });
  }
  return days;
}

function usageChart(days) {
  const width = 880;
  const height = 240;
  const pad = { left: 48, right: 12, top: 12, bottom: 36 };
  const svg = h('svg:svg', { id: 'usage-chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'Requests per day' });
  if (!days.length) {
    svg.append(h('svg:text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'axis' }, 'No usage in this selection.'));
    return svg;
  }
  const max = Math.max(1, ...days.map((d) => d.requests));
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const slot = plotW / days.length;
  const barW = Math.max(1, Math.min(40, slot * 0.8));
  const y = (value) => pad.top + plotH - (value / max) * plotH;
  svg.append(h('svg:line', { x1: pad.left, x2: width - pad.right, y1: y(0), y2: y(0), class: 'axis-line' }),
    h('svg:text', { x: pad.left - 6, y: y(max) + 4, 'text-anchor': 'end', class: 'axis' }, String(max)),
    h('svg:text', { x: pad.left - 6, y: y(0) + 4, 'text-anchor': 'end', class: 'axis' }, '0'));
  const labelEvery = Math.ceil(days.length / 10);
  days.forEach((d, i) => {
    const x = pad.left + i * slot + (slot - barW) / 2;
    const errors = d.client + d.server;
    svg.append(h('svg:rect', { x, y: y(d.requests), width: barW, height: Math.max(0, y(0) - y(d.requests)), class: 'bar', 'data-day': d.day },
      h('svg:title', {}, `${d.day}: ${d.requests} requests (${d.client} client errors, ${d.server} server errors)`)));
    if (errors) svg.append(h('svg:rect', { x, y: y(errors), width: barW, height: Math.max(0, y(0) - y(errors)), class: 'bar-errors' }));
    if (i % labelEvery === 0) svg.append(h('svg:text', { x: x + barW / 2, y: height - pad.bottom + 16, 'text-anchor': 'middle', class: 'axis' }, d.day.slice(5)));
  });
  return svg;
}

/* ------------------------------------------------------------------ platform admins: shared */

const PAGING = new Set(['limit', 'offset', 'cursor']);

/** The first organizations (by name) for suggestions; [] when the API has none or refuses. */
function platformOrganizations() {
  if (!spec.has('platformListOrganizations')) return Promise.resolve([]);
  const limit = spec.norm(spec.op('platformListOrganizations').query.limit?.schema).maximum || 100;
  return listPage('platformListOrganizations', { query: { limit } }).then((p) => p.items, () => []);
}

/** A filter form of a list operation's own query parameters (paging left out), its state in the hash. */
function platformList(op, screenPath, query) {
  const filters = Object.values(op.query).filter((p) => !PAGING.has(p.name));
  const limit = 20;
  const offset = Number(query.get('offset')) || 0;
  const params = Object.fromEntries(filters.map((p) => [p.name, query.get(p.name)]));
  const pagerOf = (page) => pager({ offset, limit, count: page.items.length, total: page.total,
    onPage: (step) => go(screenPath, { ...Object.fromEntries(query.entries()), offset: Math.max(0, offset + step * limit) || '' }) });
  return { filters, read: () => listPage(op.id, { query: { ...params, limit, offset: offset || null } }), pagerOf };
}

/** A form of `fields` ([canonical name, label, input attributes]) whose members are spelled as `opId`'s body spells them. */
function platformForm(id, opId, title, fields, submitLabel, onSaved, { prefill = {}, collect } = {}) {
  const shape = bodyShape(spec.op(opId).body);
  const alias = {};
  const form = h('form', { id, class: 'card', noValidate: true }, h('h2', {}, title));
  for (const [name, label, attributes, hint] of fields) {
    const member = memberOf(shape.props, name);
    if (!member) continue;
    alias[member] = name;
    const control = h('input', { id: `${id}-${name}`, name, value: prefill[name] ?? '', ...attributes });
    form.append(field(name, label, control, hint || null));
  }
  form.append(h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, submitLabel)));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(async () => {
      placeFieldErrors(form, []);
      const raw = Object.fromEntries([...form.querySelectorAll('input[name]')].map((i) => [i.name, i.type === 'password' ? i.value : i.value.trim()]));
      const values = collect ? collect(raw) : raw;
      if (!values) return;
      const body = {};
      for (const [name, value] of Object.entries(values)) body[memberOf(shape.props, name) || name] = value;
      try {
        const { data } = await api(opId, { body: wrapBody(shape, body) });
        await onSaved(data, form);
      } catch (error) {
        placeFieldErrors(form, error.fieldErrors || [], alias);
        throw error;
      }
    });
  });
  return form;
}

/* ------------------------------------------------------------------ platform screen: end users */

async function renderPlatformUsers({ main, query, stale }) {
  const op = spec.op('platformListEndUsers');
  main.append(h('h1', {}, 'End users'));
  if (op.description) main.append(h('p', { class: 'muted' }, op.description));
  const list = platformList(op, '/platform-users', query);
  const orgParam = memberOf(op.query, 'organization_id');
  const [page, orgs] = await Promise.all([list.read(), orgParam ? platformOrganizations() : []]);
  if (stale()) return;
  const known = orgParam ? { [orgParam]: orgs.map((o) => [o.id, get(o, 'name')]) } : {};
  main.append(paramForm('platform-users-filter', list.filters, query, (values) => go('/platform-users', values), known));
  main.append(dataTable('platform-users', 'list', ['Email', 'Name', 'Role', 'Account', 'Status', 'Verified', 'Created', ''],
    page.items.length ? page.items.map(endUserRow) : [emptyRow(8, 'No accounts match.')]));
  main.append(list.pagerOf(page));
}

function endUserRow(user) {
  const status = String(get(user, 'status') ?? '');
  const banned = /ban/i.test(status);
  const project = get(user, 'project_id');
  const actions = h('td', { class: 'row-actions' });
  if (!banned && spec.has('platformBanEndUser')) {
    actions.append(h('button', { type: 'button', class: 'small danger', dataset: { action: 'ban' }, onclick: () => setBanned(user, true) }, 'Ban'));
  }
  if (banned && spec.has('platformUnbanEndUser')) {
    actions.append(h('button', { type: 'button', class: 'small', dataset: { action: 'unban' }, onclick: () => setBanned(user, false) }, 'Unban'));
  }
  return h('tr', { dataset: { id: String(user.id), status } },
    h('td', {}, get(user, 'email')), h('td', {}, get(user, 'name') || '—'), h('td', {}, get(user, 'role') ?? '—'),
    h('td', {}, project ? ['end user of project ', h('code', {}, String(project))] : 'app level'),
    h('td', {}, statusBadge(status || 'unknown')), h('td', {}, get(user, 'email_verified') ? 'yes' : 'no'),
    h('td', {}, fmtTime(get(user, 'created_at'))), actions);
}

function setBanned(user, ban) {
  const email = get(user, 'email') || user.id;
  if (ban && !window.confirm(`Ban ${email}? Its sessions end at once, its tokens, cookies and API keys are refused, and it cannot sign in until unbanned.`)) return;
  busy(async () => {
    await api(ban ? 'platformBanEndUser' : 'platformUnbanEndUser', { path: [user.id] });
    showNotice(ban ? `Banned ${email}: it cannot sign in, and its credentials are refused.` : `Unbanned ${email}: it may sign in again.`, { keep: true });
    await route();
  });
}

/* ------------------------------------------------------------------ platform screens: organizations */

async function renderPlatformOrganizations({ main, query, stale }) {
  const op = spec.op('platformListOrganizations');
  main.append(h('h1', {}, 'Organizations'));
  const list = platformList(op, '/platform-organizations', query);
  main.append(paramForm('platform-organizations-filter', list.filters, query, (values) => go('/platform-organizations', values)));
  const page = await list.read();
  if (stale()) return;
  const usersByOrg = spec.has('platformListEndUsers') ? memberOf(spec.op('platformListEndUsers').query, 'organization_id') : null;
  const rows = page.items.map((org) => {
    const href = spec.has('platformGetOrganization') ? `#/platform-organizations/${encodeURIComponent(org.id)}` : null;
    return h('tr', { dataset: { id: String(org.id) } },
      h('td', {}, href ? h('a', { href }, get(org, 'name') || org.id) : get(org, 'name') || org.id),
      h('td', {}, get(org, 'slug') || '—'), h('td', {}, get(org, 'member_count') ?? '—'), h('td', {}, fmtTime(get(org, 'created_at'))),
      h('td', { class: 'row-actions' },
        usersByOrg ? h('a', { class: 'button small', dataset: { action: 'members' }, href: `#/platform-users?${usersByOrg}=${encodeURIComponent(org.id)}` }, 'End users') : null,
        impersonateButton(org)));
  });
  main.append(dataTable('platform-organizations', 'list', ['Name', 'Slug', 'Members', 'Created', ''], rows.length ? rows : [emptyRow(5, 'No organizations match.')]));
  main.append(list.pagerOf(page));
}

function impersonateButton(org) {
  if (!spec.has('platformImpersonate')) return null;
  return h('button', { type: 'button', class: 'small', dataset: { action: 'impersonate' }, onclick: () => busy(async () => {
    let detail = org;
    if (!get(org, 'members') && spec.has('platformGetOrganization')) {
      detail = (await api('platformGetOrganization', { path: [org.id] }).catch(() => null))?.data || org;
    }
    await impersonate(detail);
  }) }, 'Impersonate');
}

async function renderPlatformOrganization({ main, stale }, id) {
  main.append(h('nav', { class: 'crumbs' }, h('a', { href: '#/platform-organizations' }, 'Organizations'), ' / ', id));
  const { data: org } = await api('platformGetOrganization', { path: [id] });
  if (stale()) return;
  main.append(h('div', { class: 'heading' }, h('h1', {}, get(org, 'name') || id), impersonateButton(org)));
  if (spec.has('platformImpersonate')) {
    main.append(h('p', { class: 'muted' }, 'Impersonating opens the app screens as this organization\'s owner, with a short-lived token that cannot be refreshed; every change is audited under your name.'));
  }
  main.append(h('dl', { class: 'details', id: 'organization-details' },
    h('dt', {}, 'Id'), h('dd', {}, h('code', {}, String(org.id))),
    h('dt', {}, 'Slug'), h('dd', {}, get(org, 'slug') || '—'),
    h('dt', {}, 'Members'), h('dd', {}, get(org, 'member_count') ?? (get(org, 'members') || []).length),
    h('dt', {}, 'Created by'), h('dd', {}, get(org, 'created_by') ? h('code', {}, String(get(org, 'created_by'))) : '—'),
    h('dt', {}, 'Created'), h('dd', {}, fmtTime(get(org, 'created_at'))),
    h('dt', {}, 'Updated'), h('dd', {}, fmtTime(get(org, 'updated_at')))));
  const users = spec.has('platformListEndUsers') ? spec.op('platformListEndUsers').query : {};
  const byOrg = memberOf(users, 'organization_id');
  const byEmail = memberOf(users, 'email');
  const members = get(org, 'members') || [];
  main.append(h('h2', {}, 'Members'), dataTable('members', 'list', ['Name', 'Email', 'Role', 'Joined'], members.length
    ? members.map((m) => h('tr', { dataset: { id: String(get(m, 'user_id') ?? '') } },
      h('td', {}, get(m, 'name') || '—'),
      h('td', {}, byEmail ? h('a', { href: `#/platform-users?${byEmail}=${encodeURIComponent(get(m, 'email') || '')}` }, get(m, 'email')) : get(m, 'email')),
      h('td', {}, get(m, 'role') ?? '—'), h('td', {}, fmtTime(get(m, 'joined_at')))))
    : [emptyRow(4, 'No members.')]));
  if (byOrg) main.append(h('p', {}, h('a', { href: `#/platform-users?${byOrg}=${encodeURIComponent(org.id)}`, dataset: { action: 'members' } }, 'Every account of this organization')));
}

/* ------------------------------------------------------------------ platform screen: admins */

/** Admins created in this page (the API lists none), by id. */
const createdAdmins = new Map();

async function renderPlatformAdmins({ main, stale }) {
  main.append(h('h1', {}, 'Platform admins'));
  if (spec.has('platformGetMe')) {
    session.admin = (await api('platformGetMe')).data;
    if (stale()) return;
  }
  const me = session.admin;
  const grid = h('div', { class: 'grid2' });
  if (me) grid.append(profileCard(me));
  if (spec.has('platformCreateAdmin')) {
    grid.append(platformForm('new-admin', 'platformCreateAdmin', 'New platform admin', [
      ['email', 'Email', { type: 'email', autocomplete: 'off', required: true }],
      ['name', 'Name', { type: 'text', autocomplete: 'off', required: true }],
      ['password', 'Password', { type: 'password', autocomplete: 'new-password', required: true }, 'At least 8 characters; tell it to the new admin yourself.'],
    ], 'Create admin', async (created) => {
      createdAdmins.set(created.id, created);
      showNotice(`Created the platform admin ${get(created, 'email')}.`, { keep: true });
      await route();
    }));
  }
  main.append(grid);
  const admins = [me, ...createdAdmins.values()].filter(Boolean);
  main.append(h('h2', {}, 'Admins'),
    h('p', { class: 'muted' }, 'The API has no list of platform admins: shown are you and the admins created here since this page was opened. Any other admin is deactivated by id below.'),
    dataTable('platform-admins', 'list', ['Name', 'Email', 'Id', 'Status', 'Created', ''], admins.map((admin) => {
      const self = me && admin.id === me.id;
      const active = get(admin, 'status') !== 'deactivated';
      return h('tr', { dataset: { id: String(admin.id) } },
        h('td', {}, get(admin, 'name') || '—', self ? h('span', { class: 'muted' }, ' (you)') : null), h('td', {}, get(admin, 'email')),
        h('td', {}, h('code', {}, String(admin.id))), h('td', {}, statusBadge(get(admin, 'status') || 'unknown')), h('td', {}, fmtTime(get(admin, 'created_at'))),
        h('td', { class: 'row-actions' }, !self && active && spec.has('platformDeactivateAdmin')
          ? h('button', { type: 'button', class: 'small danger', dataset: { action: 'deactivate' }, onclick: () => deactivateAdmin(admin) }, 'Deactivate') : null));
    })));
  if (spec.has('platformDeactivateAdmin')) {
    const input = h('input', { id: 'deactivate-admin-id', name: 'id', type: 'text', autocomplete: 'off', placeholder: 'Admin id', required: true });
    main.append(h('form', { id: 'deactivate-admin', class: 'toolbar', noValidate: true, onsubmit: (event) => {
      event.preventDefault();
      if (!input.value.trim()) { showError('Enter the id of the admin to deactivate.'); return; }
      deactivateAdmin({ id: input.value.trim() });
    } }, h('label', { class: 'label', for: input.id }, 'Deactivate by id'), input, h('button', { type: 'submit', class: 'danger' }, 'Deactivate')));
  }
}

function profileCard(me) {
  const card = h('section', { id: 'platform-profile-card', class: 'card' }, h('h2', {}, 'Your platform account'),
    h('dl', { class: 'details' },
      h('dt', {}, 'Name'), h('dd', {}, get(me, 'name') || '—'), h('dt', {}, 'Email'), h('dd', {}, get(me, 'email')),
      h('dt', {}, 'Status'), h('dd', {}, statusBadge(get(me, 'status') || 'unknown')), h('dt', {}, 'Since'), h('dd', {}, fmtTime(get(me, 'created_at')))));
  if (!spec.has('platformUpdateMe')) return card;
  const form = platformForm('platform-profile', 'platformUpdateMe', 'Change', [
    ['name', 'Name', { type: 'text', autocomplete: 'name' }],
    ['email', 'Email', { type: 'email', autocomplete: 'username' }],
    ['password', 'New password', { type: 'password', autocomplete: 'new-password' }, 'Empty: keep it. Your other platform sessions end.'],
    ['current_password', 'Current password', { type: 'password', autocomplete: 'current-password' }, 'Needed for a new password.'],
  ], 'Save', async (saved) => {
    session.admin = saved;
    session.email = get(saved, 'email') || session.email;
    saveSession();
    renderSessionBar();
    showNotice('Saved your platform account.', { keep: true });
    await route();
  }, {
    prefill: { name: get(me, 'name') || '', email: get(me, 'email') || '' },
    collect: (raw) => {
      const values = {};
      if (raw.name && raw.name !== get(me, 'name')) values.name = raw.name;
      if (raw.email && raw.email !== get(me, 'email')) values.email = raw.email;
      if (raw.password) Object.assign(values, { password: raw.password, current_password: raw.current_password });
      if (!Object.keys(values).length) { showNotice('Nothing changed.'); return null; }
      return values;
    },
  });
  form.classList.remove('card');
  card.append(form);
  return card;
}

function deactivateAdmin(admin) {
  const label = get(admin, 'email') || admin.id;
  if (!window.confirm(`Deactivate the platform admin ${label}? Its platform and impersonation tokens stop working at once.`)) return;
  busy(async () => {
    await api('platformDeactivateAdmin', { path: [admin.id] });
    const known = createdAdmins.get(admin.id);
    if (known) createdAdmins.set(admin.id, { ...known, status: 'deactivated', [memberOf(known, 'deactivated_at') || 'deactivated_at']: new Date().toISOString() });
    showNotice(`Deactivated the platform admin ${label}.`, { keep: true });
    await route();
  });
}

/* ------------------------------------------------------------------ start-up */

async function start() {
  apiRoot = new URL(meta('loom-root', '../'), location.href);
  const documentURL = new URL(meta('loom-openapi', '../openapi.json'), location.href);
  let doc;
  try {
    const response = await fetch(documentURL, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    doc = await response.json();
  } catch (error) {
    screen('error');
    showError(`The API description (${documentURL.pathname}) could not be loaded: ${error.message}`);
    setState('ready');
    return;
  }
  spec = new Spec(doc);
  tables = buildTables();
  const title = `${doc.info?.title || 'Loom'} · admin`;
  document.title = title;
  $('#app-title').textContent = title;
  if (restoreSession()) {
    try { await loadSession(); } catch { Object.assign(session, { identity: null, profile: null, token: null, refresh: null }); saveSession(); }
  }
  renderSessionBar();
  renderImpersonation();
  window.addEventListener('hashchange', route);
  await route();
}

start();
"""#
}
