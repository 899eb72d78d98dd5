// The audit trail, newest first, 100 entries at a time (admins only; the
// server refuses everyone else).
import {api} from '../api.js';
import {errorBox, session} from '../core.js';
import {h, replace} from '../dom.js';
import {t} from '../i18n.js';

function row(e) {
  return h('tr', {class: 'audit-row', data: {seq: e.seq, action: e.action}},
      h('td', {class: 'num'}, String(e.seq)), h('td', {}, h('time', {}, e.time)),
      h('td', {dir: 'auto'}, e.actor), h('td', {class: 'action'}, e.action),
      h('td', {class: 'detail', dir: 'auto'}, [e.target, typeof e.detail === 'object' && e.detail !== null ?
        JSON.stringify(e.detail) : e.detail].filter((x) => x !== undefined && x !== null && x !== '').join(' ')));
}

export async function renderAudit(main, _args, current) {
  if (session.me?.role !== 'admin') {
    replace(main, h('p', {class: 'error'}, t('audit.admin_only')));
    return;
  }
  const body = h('tbody', {});
  const msg = h('div', {});
  let oldest = null;
  const more = h('button', {type: 'button', id: 'audit-older', on: {click: () => load()}}, t('audit.older'));
  async function load() {
    try {
      const entries = await api('GET', '/api/audit', {limit: 100, before: oldest ?? undefined});
      for (const e of [...entries].sort((a, b) => b.seq - a.seq)) {
        body.append(row(e));
        oldest = oldest === null ? e.seq : Math.min(oldest, e.seq);
      }
      more.hidden = entries.length < 100;
    } catch (e) {
      if (e.status === 401) throw e;
      replace(msg, errorBox(e));
    }
  }
  await load();
  if (!current()) return;
  replace(main, h('h1', {}, t('audit.title')),
      h('table', {class: 'grid audit', id: 'audit'}, h('thead', {}, h('tr', {},
          ['audit.seq', 'audit.time', 'audit.actor', 'audit.action', 'audit.detail'].map((k) =>
            h('th', {scope: 'col'}, t(k))))), body), more, msg);
}
