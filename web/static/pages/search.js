// The search page: query box (full CLI syntax) with a short syntax help,
// figure-range inputs that add filters to the query, facets, results with
// highlighted snippets, paging and "save this search".
import {api} from '../api.js';
import {errorBox, navigate} from '../core.js';
import {h, replace} from '../dom.js';
import {num, t} from '../i18n.js';
import {docTitle, pager, snippet} from '../widgets.js';

const FACETS = ['collection', 'type', 'lang', 'year', 'tag'];
const CURRENCIES = ['USD', 'EUR', 'ILS', 'SAR', 'AED', 'EGP', 'JOD', 'QAR', 'GBP'];

function readState() {
  const p = new URLSearchParams(location.search);
  const s = {q: p.get('q') || '', page: Math.max(1, Number(p.get('page')) || 1),
    per_page: Math.min(100, Math.max(1, Number(p.get('per_page')) || 20))};
  for (const f of FACETS) s[f] = p.getAll(f);
  s.starred = p.get('starred') === '1';
  return s;
}

export function searchUrl(s) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const f of FACETS) for (const v of s[f] || []) p.append(f, v);
  if (s.starred) p.set('starred', '1');
  if (s.page > 1) p.set('page', String(s.page));
  if (s.per_page && s.per_page !== 20) p.set('per_page', String(s.per_page));
  return '/search' + (p.toString() ? '?' + p.toString() : '');
}

// Filters from the figure inputs, in the query syntax of query/figure_filter.h.
function figureTerms(f) {
  const terms = [];
  const amount = /^\d[\d,]*(\.\d+)?(k|m|bn)?$/i;
  const date = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  const min = f.min.value.trim();
  const max = f.max.value.trim();
  const cur = f.currency.value.trim().toUpperCase();
  const from = f.from.value.trim();
  const to = f.to.value.trim();
  for (const [v, ok, make] of [[min, amount, (x) => `money>=${x}`], [max, amount, (x) => `money<${x}`],
    [cur, /^[A-Z]{3}$/, (x) => `currency:${x}`]]) {
    if (!v) continue;
    if (!ok.test(v)) return {error: v};
    terms.push(make(v));
  }
  if (from || to) {
    if ((from && !date.test(from)) || (to && !date.test(to))) return {error: from || to};
    terms.push(from === to ? `date:${from}` : `date:${from}..${to}`);
  }
  return {terms};
}

function helpBox() {
  const rows = [
    ['invoice cloud', 'search.help.and'], ['"cloud services"', 'search.help.phrase'],
    ['="cloud services"', 'search.help.exact_phrase'], ['=running', 'search.help.exact'],
    ['invoice OR الفاتورة', 'search.help.or'], ['-draft   NOT draft', 'search.help.not'],
    ['type:pdf lang:ar path:contracts from:alice subject:…', 'search.help.fields'],
    ['name:Microsoft', 'search.help.name'], ['entity:"Unit 8200"', 'search.help.entity'],
    ['money>=1m currency:USD  percent>50', 'search.help.figures'],
    ['date:2023-10..2024-06', 'search.help.date'],
  ];
  return h('details', {class: 'help', id: 'syntax-help'}, h('summary', {}, t('search.help')),
      h('table', {}, h('tbody', {}, rows.map(([ex, key]) =>
        h('tr', {}, h('td', {}, h('code', {dir: 'ltr'}, ex)), h('td', {}, t(key)))))));
}

function figureBox(qInput) {
  const f = {
    min: h('input', {id: 'fig-min', name: 'money_min', inputmode: 'decimal', size: 8, dir: 'ltr'}),
    max: h('input', {id: 'fig-max', name: 'money_max', inputmode: 'decimal', size: 8, dir: 'ltr'}),
    currency: h('input', {id: 'fig-currency', name: 'currency', list: 'currencies', size: 4,
      maxlength: 3, dir: 'ltr'}),
    from: h('input', {id: 'fig-from', name: 'date_from', placeholder: 'YYYY-MM-DD', size: 10, dir: 'ltr'}),
    to: h('input', {id: 'fig-to', name: 'date_to', placeholder: 'YYYY-MM-DD', size: 10, dir: 'ltr'}),
  };
  const err = h('span', {class: 'error', role: 'alert'});
  const field = (key, input) => h('label', {class: 'fig-field'}, t(key), ' ', input);
  return h('fieldset', {class: 'figures-box'}, h('legend', {}, t('search.figures')),
      field('search.money_min', f.min), field('search.money_max', f.max),
      field('search.currency', f.currency),
      h('datalist', {id: 'currencies'}, CURRENCIES.map((c) => h('option', {value: c}))),
      field('search.date_from', f.from), field('search.date_to', f.to),
      h('button', {type: 'button', id: 'fig-add', on: {click: () => {
        const r = figureTerms(f);
        if (r.error) {
          replace(err, t('common.error', r.error));
          return;
        }
        replace(err);
        if (!r.terms.length) return;
        qInput.value = (qInput.value.trim() + ' ' + r.terms.join(' ')).trim();
        for (const i of Object.values(f)) i.value = '';
        qInput.focus();
      }}}, t('search.add_to_query')), err);
}

// Whether any filter besides the query is on (a search may then have no words).
function filtered(s) {
  return s.starred || FACETS.some((f) => s[f].length);
}

function facetPanel(s, facets) {
  const panel = h('aside', {class: 'facets', id: 'facets'});
  if (filtered(s)) {
    const cleared = {...s, page: 1, starred: false};
    for (const f of FACETS) cleared[f] = [];
    panel.append(h('a', {href: searchUrl(cleared), class: 'clear-facets'}, t('facet.clear')));
  }
  panel.append(h('p', {class: 'facet-starred'}, h('input', {type: 'checkbox', id: 'facet-starred',
    checked: s.starred, on: {change: () => navigate(searchUrl({...s, page: 1, starred: !s.starred}))}}),
  ' ', h('label', {for: 'facet-starred'}, t('facet.starred'))));
  for (const f of FACETS) {
    const values = new Map((facets[f] || []).map((v) => [String(v.value), v.count]));
    for (const sel of s[f]) if (!values.has(sel)) values.set(sel, 0);
    if (!values.size) continue;
    panel.append(h('section', {class: 'facet', data: {facet: f}}, h('h3', {}, t('facet.' + f)),
        h('ul', {}, [...values].map(([value, count]) => {
          const on = s[f].includes(value);
          const id = `facet-${f}-${value}`;
          return h('li', {}, h('input', {type: 'checkbox', id, checked: on, data: {value},
            on: {change: () => {
              const next = {...s, page: 1, [f]: on ? s[f].filter((x) => x !== value) : [...s[f], value]};
              navigate(searchUrl(next));
            }}}),
          h('label', {for: id, dir: 'auto'}, value), ' ', h('span', {class: 'count'}, num(count)));
        }))));
  }
  const entities = facets.entity || [];
  if (entities.length) {
    panel.append(h('section', {class: 'facet', data: {facet: 'entity'}}, h('h3', {}, t('facet.entity')),
        h('ul', {}, entities.map((e) => {
          const term = `entity:"${String(e.value).replace(/"/g, '')}"`;
          return h('li', {}, h('a', {href: searchUrl({...s, page: 1, q: (s.q + ' ' + term).trim()}),
            dir: 'auto', class: 'entity-facet', data: {kind: e.kind}}, e.value), ' ',
          h('span', {class: 'kind'}, e.kind), ' ', h('span', {class: 'count'}, num(e.count)));
        }))));
  }
  return panel;
}

function resultItem(r, q) {
  return h('li', {class: 'result', data: {id: r.id}},
      h('a', {class: 'result-title', href: `/doc/${Number(r.id)}` + (q ? '?q=' + encodeURIComponent(q) : ''),
        dir: 'auto'}, docTitle(r)),
      h('div', {class: 'result-meta'},
          h('span', {class: 'collection', dir: 'auto'}, r.collection), ' · ',
          h('span', {class: 'type'}, r.type), ' · ', h('span', {class: 'lang'}, r.lang), ' · ',
          h('span', {class: 'path', dir: 'auto'}, r.path)),
      snippet(r.snippet));
}

function saveBox(q) {
  const name = h('input', {id: 'save-name', name: 'name', dir: 'auto', required: true, size: 20});
  const msg = h('span', {class: 'status', role: 'status'});
  return h('form', {class: 'save-search', id: 'save-search', on: {submit: async (ev) => {
    ev.preventDefault();
    try {
      await api('POST', '/api/searches', null, {name: name.value, q});
      name.value = '';
      replace(msg, t('search.saved'));
    } catch (e) {
      replace(msg, errorBox(e));
    }
  }}}, h('label', {for: 'save-name'}, t('search.save_as')), ' ', name, ' ',
  h('button', {type: 'submit'}, t('common.save')), ' ', msg);
}

export async function renderSearch(main, _args, current) {
  const s = readState();
  const qInput = h('input', {id: 'q', name: 'q', type: 'search', value: s.q, dir: 'auto',
    placeholder: t('search.placeholder'), 'aria-label': t('search.query'), spellcheck: 'false'});
  const perPage = h('select', {id: 'per-page', 'aria-label': t('search.per_page')},
      [10, 20, 50, 100].map((n) => h('option', {value: n, selected: n === s.per_page}, num(n))));
  const form = h('form', {class: 'search-form', id: 'search-form', role: 'search', on: {submit: (ev) => {
    ev.preventDefault();
    navigate(searchUrl({...s, q: qInput.value.trim(), page: 1, per_page: Number(perPage.value)}));
  }}}, qInput, ' ', h('button', {type: 'submit', id: 'search-submit'}, t('search.submit')), ' ',
  h('label', {class: 'per-page'}, t('search.per_page'), ' ', perPage));
  const results = h('div', {class: 'results', id: 'results'});
  const layout = h('div', {class: 'search-layout'}, h('div', {class: 'facets-slot'}), results);
  replace(main, h('h1', {class: 'visually-hidden'}, t('search.title')), form, helpBox(), figureBox(qInput),
      layout);
  if (!s.q && !filtered(s)) {
    qInput.focus();
    return;
  }
  let data;
  try {
    data = await api('GET', '/api/search', {q: s.q, page: s.page, per_page: s.per_page, facets: 1,
      collection: s.collection, type: s.type, lang: s.lang, year: s.year, tag: s.tag,
      starred: s.starred ? 1 : undefined});
  } catch (e) {
    if (e.status === 401) throw e;
    if (current()) replace(results, errorBox(e));
    return;
  }
  if (!current()) return;
  layout.firstChild.replaceWith(facetPanel(s, data.facets || {}));
  const pages = Math.max(1, Math.ceil((data.total || 0) / s.per_page));
  const urlFor = (n) => searchUrl({...s, page: n});
  // The total may be an estimate: a page past the real end comes back empty
  // and links to the last page of the new total.
  const results_ = data.results || [];
  const past = !results_.length && s.page > 1 && data.total > 0;
  replace(results,
      h('p', {class: 'total', id: 'total', data: {total: data.total, estimate: data.total_is_estimate ? '1' : '0'}},
          data.total_is_estimate ?
            t('search.total_about', num(data.total || 0), num(data.total_lower || 0), num(data.total_upper || 0)) :
            t('search.total', num(data.total || 0))),
      data.skipped > 0 ? h('p', {class: 'error', role: 'alert', id: 'skipped'}, t('search.skipped', num(data.skipped))) : null,
      results_.length ?
        h('ol', {class: 'result-list', id: 'result-list', start: (s.page - 1) * s.per_page + 1},
            results_.map((r) => resultItem(r, s.q))) :
        h('p', {class: 'empty', id: 'no-results'}, t('search.no_results'), past ? [' ',
          h('a', {href: urlFor(Math.min(pages, s.page - 1)), id: 'last-page'}, t('search.last_page'))] : null),
      pager(s.page, past ? s.page : pages, urlFor, (n) => navigate(urlFor(n))),
      saveBox(s.q));
}
