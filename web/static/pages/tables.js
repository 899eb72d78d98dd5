// Tables (typed rows from CSV/XLSX/ODS): the list, and one table as a grid
// sorted by the server (click a column header) and paged 100 rows at a time.
import {api} from '../api.js';
import {navigate} from '../core.js';
import {h, replace} from '../dom.js';
import {num, t} from '../i18n.js';
import {pager} from '../widgets.js';

export async function renderTables(main, _args, current) {
  const tables = await api('GET', '/api/tables');
  if (!current()) return;
  replace(main, h('h1', {}, t('tables.title')), tables.length ?
    h('table', {class: 'grid table-list', id: 'table-list'},
        h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, t('tables.name')),
            h('th', {scope: 'col'}, t('tables.columns')), h('th', {scope: 'col'}, t('tables.rows')))),
        h('tbody', {}, tables.map((tb) => h('tr', {data: {table: tb.name}},
            h('td', {}, h('a', {href: '/tables/' + encodeURIComponent(tb.name), dir: 'auto'}, tb.name)),
            h('td', {dir: 'auto'}, (tb.columns || []).map((c) => c.label || c.name).join(', ')),
            h('td', {class: 'num'}, num(tb.rows ?? 0)))))) :
    h('p', {class: 'empty'}, t('tables.empty')));
}

const LIMIT = 100;

export async function renderTable(main, [name], current) {
  const p = new URLSearchParams(location.search);
  const page = Math.max(1, Number(p.get('page')) || 1);
  const sort = p.get('sort') || '';
  const desc = p.get('desc') === '1';
  const data = await api('GET', `/api/tables/${encodeURIComponent(name)}/rows`,
      {offset: (page - 1) * LIMIT, limit: LIMIT, sort, desc: desc ? 1 : undefined});
  if (!current()) return;
  const urlFor = (o) => {
    const q = new URLSearchParams();
    const s = o.sort ?? sort;
    if (s) q.set('sort', s);
    if (o.desc ?? desc) q.set('desc', '1');
    if ((o.page ?? page) > 1) q.set('page', String(o.page ?? page));
    return `/tables/${encodeURIComponent(name)}` + (q.toString() ? '?' + q : '');
  };
  const cols = data.columns || [];
  const numeric = (type) => /integer|decimal|currency|percent/.test(type || '');
  const head = h('tr', {}, cols.map((c) => {
    const on = c.name === sort;
    return h('th', {scope: 'col', class: numeric(c.type) ? 'num' : undefined,
      'aria-sort': on ? (desc ? 'descending' : 'ascending') : 'none', data: {col: c.name}},
    h('a', {href: urlFor({sort: c.name, desc: on && !desc, page: 1}), class: 'sort', dir: 'auto'},
        c.label || c.name, on ? (desc ? ' ▼' : ' ▲') : ''),
    h('span', {class: 'col-type'}, c.type));
  }), h('th', {scope: 'col'}, t('tables.source')));
  const sources = data.sources || [];
  const rows = (data.rows || []).map((row, i) => h('tr', {},
      row.map((cell, j) => h('td', {class: numeric(cols[j]?.type) ? 'num' : undefined, dir: 'auto'},
          cell === null || cell === undefined ? '' : String(cell))),
      h('td', {class: 'source'}, sources[i] ? h('a', {href: `/doc/${Number(sources[i].doc)}`},
          [`#${sources[i].doc}`, sources[i].sheet ? ` ${sources[i].sheet}` : '',
            sources[i].row !== undefined ? `:${sources[i].row}` : ''].join('')) : '')));
  const total = data.total ?? rows.length;
  const first = total ? (page - 1) * LIMIT + 1 : 0;
  replace(main, h('h1', {dir: 'auto'}, h('a', {href: '/tables'}, t('tables.title')), ' / ', name),
      h('p', {class: 'status', id: 'rows-range'},
          t('tables.rows_range', num(first), num(first + rows.length - (rows.length ? 1 : 0)), num(total)),
          ' ', t('tables.sort_hint')),
      h('div', {class: 'grid-wrap'}, h('table', {class: 'grid', id: 'grid'}, h('thead', {}, head),
          h('tbody', {}, rows))),
      pager(page, Math.max(1, Math.ceil(total / LIMIT)), (n) => urlFor({page: n}), (n) => navigate(urlFor({page: n}))));
}
