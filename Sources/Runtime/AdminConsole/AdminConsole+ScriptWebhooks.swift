extension AdminConsole {
    /// Part of `script`: the API keys and webhooks screens, a subscription with its deliveries.
    static let scriptKeysAndWebhooks = #"""
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
"""#
}
