// Pieces several pages share: snippets from [text, is_match] segments, the
// pager, simple tables.
import {h} from './dom.js';
import {num, t} from './i18n.js';

// A snippet as the API gives it: [["before ", false], ["match", true], ...].
// Matches become <mark>; everything is text nodes.
export function snippet(segments, cls = 'snippet') {
  const p = h('p', {class: cls, dir: 'auto'});
  for (const seg of Array.isArray(segments) ? segments : []) {
    const [text, hit] = Array.isArray(seg) ? seg : [String(seg), false];
    p.append(hit ? h('mark', {class: 'hl-q'}, text) : document.createTextNode(String(text)));
  }
  return p;
}

// Page links around `page` (1-based) out of `pages`, prev/next and a
// "go to page" box; urlFor(n) gives the address of page n. Works for any
// page number, so paging past 10,000 results is a matter of the server.
export function pager(page, pages, urlFor, onGo) {
  if (pages <= 1) return null;
  const items = [];
  const add = (n) => items.push(n === page ?
    h('span', {class: 'page current', 'aria-current': 'page'}, num(n)) :
    h('a', {class: 'page', href: urlFor(n), data: {page: n}}, num(n)));
  const gap = () => items.push(h('span', {class: 'gap'}, '…'));
  const from = Math.max(1, page - 2);
  const to = Math.min(pages, page + 2);
  if (from > 1) add(1);
  if (from > 2) gap();
  for (let n = from; n <= to; n++) add(n);
  if (to < pages - 1) gap();
  if (to < pages) add(pages);
  const input = h('input', {type: 'number', min: 1, max: pages, name: 'page', class: 'goto-page',
    'aria-label': t('search.goto'), inputmode: 'numeric'});
  return h('nav', {class: 'pager', 'aria-label': 'pages'},
      page > 1 ? h('a', {class: 'prev', href: urlFor(page - 1)}, t('common.prev')) :
        h('span', {class: 'prev disabled'}, t('common.prev')),
      items,
      page < pages ? h('a', {class: 'next', href: urlFor(page + 1)}, t('common.next')) :
        h('span', {class: 'next disabled'}, t('common.next')),
      h('span', {class: 'page-of'}, t('search.page_of', num(page), num(pages))),
      h('form', {class: 'goto', on: {submit: (ev) => {
        ev.preventDefault();
        const n = Math.floor(Number(input.value));
        if (n >= 1 && n <= pages) onGo(n);
      }}}, h('label', {}, t('search.goto'), ' ', input), h('button', {type: 'submit'}, t('common.go'))));
}

// A definition list from [label, value] pairs; values are text (dir=auto).
export function defList(pairs, cls = 'fields') {
  return h('dl', {class: cls}, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [h('dt', {dir: 'auto'}, k), h('dd', {dir: 'auto'}, String(v))]));
}

export function section(title, ...children) {
  return h('section', {class: 'panel'}, h('h2', {}, title), children);
}

// A document's display title: its title, else the last part of its path
// (plain text files have no title), else its number.
export function docTitle(d) {
  if (d.title) return d.title;
  const p = String(d.path || '');
  return p.slice(p.lastIndexOf('/') + 1) || `#${d.id}`;
}
