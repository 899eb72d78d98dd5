// The workbench's entry point: session state, the top bar and the
// client-side router (history API: /search?q=…, /doc/42, /tables/NAME, ...).
import {ApiError} from './api.js';
import {errorBox, loadMe, logout, navigate, session, setRenderer} from './core.js';
import {h, replace} from './dom.js';
import {LANGS, lang, setLang, t} from './i18n.js';
import {renderAudit} from './pages/audit.js';
import {renderDoc} from './pages/doc.js';
import {renderEntities} from './pages/entities.js';
import {renderLogin} from './pages/login.js';
import {renderNames} from './pages/names.js';
import {renderSearches} from './pages/searches.js';
import {renderSearch} from './pages/search.js';
import {renderTable, renderTables} from './pages/tables.js';

const ROUTES = [
  [/^\/(?:search)?$/, renderSearch],
  [/^\/doc\/(\d+)$/, renderDoc],
  [/^\/searches$/, renderSearches],
  [/^\/names$/, renderNames],
  [/^\/entities$/, renderEntities],
  [/^\/tables$/, renderTables],
  [/^\/tables\/(.+)$/, renderTable],
  [/^\/audit$/, renderAudit],
  [/^\/login$/, renderLogin],
];

function renderTop() {
  const top = document.getElementById('top');
  const me = session.me;
  const here = location.pathname;
  const link = (href, key, match) =>
    h('a', {href, class: match.test(here) ? 'nav-link current' : 'nav-link', 'aria-current':
      match.test(here) ? 'page' : undefined}, t(key));
  const langSelect = h('select', {id: 'lang-select', 'aria-label': t('nav.language'),
    on: {change: (ev) => { setLang(ev.target.value); render(); }}},
  Object.entries(LANGS).map(([code, m]) =>
    h('option', {value: code, selected: code === lang(), lang: code}, m['lang.name'])));
  replace(top,
      h('a', {href: '/', class: 'brand'}, t('app.name')),
      me ? h('nav', {class: 'nav', 'aria-label': 'main'},
          link('/search', 'nav.search', /^\/(search|doc\/)?/),
          link('/search?starred=1', 'nav.starred', /^$/),
          link('/searches', 'nav.searches', /^\/searches$/),
          link('/names', 'nav.names', /^\/names$/),
          link('/entities', 'nav.entities', /^\/entities$/),
          link('/tables', 'nav.tables', /^\/tables/),
          me.role === 'admin' ? link('/audit', 'nav.audit', /^\/audit$/) : null) : null,
      h('span', {class: 'spacer'}),
      langSelect,
      me ? h('span', {class: 'who', dir: 'auto', id: 'who'},
          t('nav.signed_in', me.user, t('role.' + me.role))) : null,
      me ? h('button', {type: 'button', id: 'logout', on: {click: logout}}, t('nav.logout')) : null);
}

let renderSeq = 0;

// Renders the page for the current URL. Pages get the <main> element, the
// route's captures and a function telling whether they are still current
// (a slow answer must not overwrite a newer page).
export async function render() {
  const seq = ++renderSeq;
  const main = document.getElementById('main');
  if (session.me === null && location.pathname !== '/login') {
    try {
      await loadMe();
    } catch (e) {
      replace(main, errorBox(e));
      return;
    }
    if (seq !== renderSeq) return;
    if (!session.me) {
      const next = location.pathname + location.search;
      history.replaceState(null, '', '/login?next=' + encodeURIComponent(next));
    }
  }
  renderTop();
  const path = location.pathname;
  for (const [re, page] of ROUTES) {
    const m = re.exec(path);
    if (!m) continue;
    document.title = t('app.name');
    document.body.dataset.page = page.name.replace(/^render/, '').toLowerCase();
    replace(main, h('p', {class: 'loading'}, t('common.loading')));
    try {
      await page(main, m.slice(1).map(decodeURIComponent), () => seq === renderSeq);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        session.me = null;
        navigate('/login?next=' + encodeURIComponent(path + location.search), {replaceState: true});
        return;
      }
      if (seq === renderSeq) replace(main, errorBox(e));
    }
    if (seq === renderSeq) main.dataset.ready = String(seq);
    return;
  }
  replace(main, h('p', {class: 'error'}, t('common.not_found')));
  main.dataset.ready = String(seq);
}

// Same-origin links are routed in the page; downloads and API links are not.
document.addEventListener('click', (ev) => {
  if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) {
    return;
  }
  const a = ev.target.closest && ev.target.closest('a[href]');
  if (!a || a.hasAttribute('download') || a.target) return;
  const href = a.getAttribute('href');
  if (!href || !href.startsWith('/') || href.startsWith('//') || href.startsWith('/api/')) return;
  ev.preventDefault();
  navigate(href);
});

setRenderer(render);
window.addEventListener('popstate', () => render());
render();
