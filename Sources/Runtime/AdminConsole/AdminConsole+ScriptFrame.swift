extension AdminConsole {
    /// Part of `script`: the page frame (state, messages, navigation), the router and small building blocks.
    static let scriptFrame = #"""
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
"""#
}
