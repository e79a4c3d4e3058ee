extension AdminConsole {
    /// Part of `script`: the `api` helper every screen calls, sessions (cookie, bearer and platform tokens) and impersonation.
    static let scriptSession = #"""
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
"""#
}
