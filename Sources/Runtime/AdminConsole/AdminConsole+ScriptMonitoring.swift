extension AdminConsole {
    /// Part of `script`: the rate-limit, audit log and usage screens.
    static let scriptMonitoring = #"""
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
"""#
}
