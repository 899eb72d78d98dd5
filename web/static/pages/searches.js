// Saved searches of the signed-in user: open or delete.
import {api} from '../api.js';
import {errorBox} from '../core.js';
import {h, replace} from '../dom.js';
import {t} from '../i18n.js';

export async function renderSearches(main, _args, current) {
  const list = await api('GET', '/api/searches');
  if (!current()) return;
  const msg = h('p', {class: 'status', role: 'status'});
  const ul = h('ul', {class: 'saved-searches', id: 'saved-searches'}, list.map((s) => {
    const li = h('li', {data: {id: s.id}},
        h('a', {href: '/search?q=' + encodeURIComponent(s.q), class: 'saved-name', dir: 'auto'}, s.name), ' ',
        h('code', {class: 'saved-q', dir: 'auto'}, s.q), ' ',
        h('time', {class: 'saved-time'}, s.created), ' ',
        h('button', {type: 'button', class: 'saved-delete', on: {click: async () => {
          try {
            await api('DELETE', `/api/searches/${encodeURIComponent(s.id)}`);
            li.remove();
          } catch (e) {
            replace(msg, errorBox(e));
          }
        }}}, t('common.delete')));
    return li;
  }));
  replace(main, h('h1', {}, t('searches.title')),
      list.length ? ul : h('p', {class: 'empty'}, t('searches.empty')), msg);
}
