extension AdminConsole {
    /// Part of `script`: the platform admins' screens, and start-up.
    static let scriptPlatform = #"""
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
