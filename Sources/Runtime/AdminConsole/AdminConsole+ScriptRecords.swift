extension AdminConsole {
    /// Part of `script`: the sign-in, tables, records and one-record screens.
    static let scriptRecords = #"""
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
"""#
}
