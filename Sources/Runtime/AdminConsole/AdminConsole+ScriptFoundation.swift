extension AdminConsole {
    /// Part of `script`: constants, DOM and value helpers, the OpenAPI document and the tables it describes.
    static let scriptFoundation = #"""
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
"""#
}
