// Entities of the readable documents (names, organizations, addresses,
// identifiers...), most documents first: a kind filter asked of the server,
// a text filter over names and aliases here, each name a search for it.
import {api} from '../api.js';
import {navigate} from '../core.js';
import {h, replace} from '../dom.js';
import {num, t} from '../i18n.js';

export async function renderEntities(main, _args, current) {
  const kind = new URLSearchParams(location.search).get('kind') || '';
  const [list, all] = await Promise.all([
    api('GET', '/api/entities', {kind, limit: 1000}),
    kind ? api('GET', '/api/entities', {limit: 1000}) : null,
  ]);
  if (!current()) return;
  const kinds = [...new Set((all || list).map((e) => e.kind))].sort();
  const select = h('select', {id: 'entity-kind', 'aria-label': t('entities.kind'),
    on: {change: () => navigate('/entities' + (select.value ? '?kind=' + encodeURIComponent(select.value) : ''))}},
  h('option', {value: ''}, t('entities.kind_all')),
  kinds.map((k) => h('option', {value: k, selected: k === kind}, k)));
  const filter = h('input', {id: 'entity-filter', type: 'search', dir: 'auto',
    'aria-label': t('entities.filter'), placeholder: t('entities.filter')});
  const rows = list.map((e) => {
    const term = `entity:"${String(e.name).replace(/"/g, '')}"`;
    const tr = h('tr', {data: {id: e.id, kind: e.kind}},
        h('td', {}, h('a', {href: '/search?q=' + encodeURIComponent(term), class: 'entity-name', dir: 'auto'},
            e.name)),
        h('td', {class: 'kind'}, e.kind),
        h('td', {dir: 'auto', class: 'aliases'}, (e.aliases || []).join(' · ')),
        h('td', {class: 'num'}, num(e.documents)),
        h('td', {class: 'num'}, num(e.mentions)));
    tr.searchText = [e.name, ...(e.aliases || [])].join('\n').toLowerCase();
    return tr;
  });
  const table = h('table', {class: 'grid entity-table', id: 'entity-table'},
      h('thead', {}, h('tr', {}, ['entities.name', 'entities.kind', 'entities.aliases', 'entities.documents',
        'entities.mentions'].map((k) => h('th', {scope: 'col'}, t(k))))),
      h('tbody', {}, rows));
  filter.addEventListener('input', () => {
    const want = filter.value.trim().toLowerCase();
    for (const tr of rows) tr.hidden = want !== '' && !tr.searchText.includes(want);
  });
  replace(main, h('h1', {}, t('entities.title')),
      h('p', {class: 'entity-tools'}, select, ' ', filter),
      list.length ? table : h('p', {class: 'empty', id: 'no-entities'}, t('entities.empty')));
}
