// The document viewer. Each paragraph is its own <p> with the direction the
// API computed (Unicode bidi P2-P3, first strong character) and dir="auto"
// when it has none; highlights come as segments from the server, so the
// client never computes offsets and never parses document text as markup.
import {api} from '../api.js';
import {canWrite, errorBox, session} from '../core.js';
import {h, replace} from '../dom.js';
import {num, t} from '../i18n.js';
import {defList, docTitle, section} from '../widgets.js';

// Marks nest in a fixed order, <mark class="hl-q"> > <span class="hl-entity">
// > <span class="hl-figure">, and consecutive segments with the same mark
// share one element: a query hit that overlaps an entity's start
// ("لوزارة" over "وزارة المالية") stays one <mark> around the whole word.
const LEVELS = [
  [(s) => (s.q ? true : null), () => h('mark', {class: 'hl-q'})],
  [(s) => s.entity ?? null, (id) => h('span', {class: 'hl-entity', data: {entity: id}})],
  [(s) => s.figure ?? null, (id) => h('span', {class: 'hl-figure', data: {figure: id}})],
];

function appendSegments(p, segments) {
  const open = LEVELS.map(() => null);
  for (const seg of segments || []) {
    const keys = LEVELS.map(([key]) => key(seg));
    let same = 0;
    while (same < LEVELS.length && (open[same]?.key ?? null) === keys[same]) same++;
    for (let j = same; j < LEVELS.length; j++) {
      open[j] = null;
      if (keys[j] === null) continue;
      const el = LEVELS[j][1](keys[j]);
      (open.slice(0, j).reverse().find(Boolean)?.el ?? p).append(el);
      open[j] = {key: keys[j], el};
    }
    (open.slice().reverse().find(Boolean)?.el ?? p).append(document.createTextNode(String(seg.text ?? '')));
  }
  return p;
}

function textPanel(doc) {
  const article = h('article', {class: 'doc-text', id: 'doc-text', 'aria-label': t('doc.text')});
  let page = null;
  for (const para of doc.paragraphs || []) {
    if (para.page !== null && para.page !== undefined && para.page !== page) {
      page = para.page;
      article.append(h('div', {class: 'page-break', data: {page}}, t('doc.page', num(page))));
    }
    const dir = para.dir === 'rtl' || para.dir === 'ltr' ? para.dir : 'auto';
    article.append(appendSegments(h('p', {class: 'para', dir}), para.segments));
  }
  if (!article.firstChild) article.append(h('p', {class: 'empty'}, t('doc.empty')));
  return article;
}

function entityPanel(doc, article) {
  const list = h('ul', {class: 'entity-list', id: 'entity-list'});
  for (const e of doc.entities || []) {
    list.append(h('li', {data: {entity: e.id}},
        h('button', {type: 'button', class: 'entity-toggle', 'aria-pressed': 'false', dir: 'auto',
          on: {click: (ev) => {
            // Emphasizes this entity's mentions in the text (a class, no style).
            const on = ev.currentTarget.getAttribute('aria-pressed') !== 'true';
            ev.currentTarget.setAttribute('aria-pressed', String(on));
            for (const m of article.querySelectorAll('.hl-entity')) {
              if (m.dataset.entity === String(e.id)) m.classList.toggle('focus', on);
            }
          }}}, e.name),
        ' ', h('span', {class: 'kind'}, e.kind), ' ', h('span', {class: 'count'}, num(e.count ?? 0)), ' ',
        h('a', {href: '/search?q=' + encodeURIComponent(`entity:"${String(e.name).replace(/"/g, '')}"`),
          class: 'entity-search', title: t('doc.search_entity'), 'aria-label': t('doc.search_entity')}, '⌕')));
  }
  return section(t('doc.entities'), list.firstChild ? list : h('p', {}, t('common.none')));
}

function figurePanel(doc) {
  const rows = (doc.figures || []).map((f) => h('tr', {data: {figure: f.idx}},
      h('td', {}, f.kind),
      h('td', {dir: 'ltr'}, f.value === undefined ? '' : String(f.value)),
      h('td', {}, [f.currency, f.unit].filter(Boolean).join(' ')),
      h('td', {}, f.approx ? t('doc.approx') : ''),
      h('td', {dir: 'auto'}, f.text)));
  return section(t('doc.figures'), rows.length ?
    h('table', {class: 'figure-list', id: 'figure-list'}, h('tbody', {}, rows)) : h('p', {}, t('common.none')));
}

function tagPanel(doc, id, writable) {
  const list = h('ul', {class: 'tags', id: 'tags'});
  const msg = h('p', {class: 'status', role: 'status'});
  const draw = (tags) => replace(list, tags.map((tag) => h('li', {class: 'tag', data: {tag}},
      h('a', {dir: 'auto', class: 'tag-link', href: '/search?tag=' + encodeURIComponent(tag)}, tag),
      writable ? h('button', {type: 'button', class: 'tag-remove', 'aria-label': t('common.remove') + ' ' + tag,
        on: {click: async () => {
          try {
            await api('DELETE', `/api/docs/${id}/tags/${encodeURIComponent(tag)}`);
            tags = tags.filter((x) => x !== tag);
            draw(tags);
          } catch (e) {
            replace(msg, errorBox(e));
          }
        }}}, '×') : null)));
  let tags = [...(doc.tags || [])];
  draw(tags);
  const input = h('input', {id: 'tag-input', name: 'tag', dir: 'auto', 'aria-label': t('doc.add_tag'),
    placeholder: t('doc.add_tag'), maxlength: 100});
  const form = writable ? h('form', {id: 'tag-form', class: 'inline-form', on: {submit: async (ev) => {
    ev.preventDefault();
    const tag = input.value.trim();
    if (!tag) return;
    try {
      const res = await api('POST', `/api/docs/${id}/tags`, null, {tag});
      if (Array.isArray(res?.tags)) tags = res.tags;
      else if (!tags.includes(tag)) tags.push(tag);
      draw(tags);
      input.value = '';
      replace(msg);
    } catch (e) {
      replace(msg, errorBox(e));
    }
  }}}, input, ' ', h('button', {type: 'submit'}, t('common.add'))) : null;
  return section(t('doc.tags'), list, form, msg);
}

function notePanel(doc, id, writable) {
  const list = h('ul', {class: 'notes', id: 'notes'});
  const msg = h('p', {class: 'status', role: 'status'});
  let notes = [...(doc.notes || [])];
  const draw = () => replace(list, notes.map((n) => h('li', {class: 'note', data: {note: n.id}},
      h('p', {class: 'note-text', dir: 'auto'}, n.text),
      h('p', {class: 'note-meta'}, h('span', {dir: 'auto'}, n.user), ' · ', h('time', {}, n.created),
          n.user === session.me?.user ? [' ', h('button', {type: 'button', class: 'note-delete',
            on: {click: async () => {
              try {
                await api('DELETE', `/api/docs/${id}/notes/${encodeURIComponent(n.id)}`);
                notes = notes.filter((x) => x.id !== n.id);
                draw();
              } catch (e) {
                replace(msg, errorBox(e));
              }
            }}}, t('common.delete'))] : null))));
  draw();
  const text = h('textarea', {id: 'note-input', name: 'text', dir: 'auto', rows: 3,
    'aria-label': t('doc.add_note'), placeholder: t('doc.add_note')});
  const form = writable ? h('form', {id: 'note-form', class: 'note-form', on: {submit: async (ev) => {
    ev.preventDefault();
    if (!text.value.trim()) return;
    try {
      const note = await api('POST', `/api/docs/${id}/notes`, null, {text: text.value});
      notes.push({user: session.me?.user, created: '', text: text.value, ...note});
      text.value = '';
      draw();
      replace(msg);
    } catch (e) {
      replace(msg, errorBox(e));
    }
  }}}, text, h('button', {type: 'submit'}, t('common.add'))) : null;
  return section(t('doc.notes'), list, form, msg);
}

function starButton(doc, id) {
  let starred = Boolean(doc.starred);
  const b = h('button', {type: 'button', id: 'star', class: 'star'});
  const draw = () => {
    b.setAttribute('aria-pressed', String(starred));
    replace(b, (starred ? '★ ' : '☆ ') + t(starred ? 'doc.unstar' : 'doc.star'));
  };
  b.addEventListener('click', async () => {
    try {
      await api(starred ? 'DELETE' : 'PUT', `/api/docs/${id}/star`);
      starred = !starred;
      draw();
    } catch (e) {
      b.after(errorBox(e));
    }
  });
  draw();
  return b;
}

export async function renderDoc(main, [idText], current) {
  const id = Number(idText);
  const q = new URLSearchParams(location.search).get('q') || '';
  let doc;
  try {
    doc = await api('GET', `/api/docs/${id}`, {q});
  } catch (e) {
    if (e.status === 401) throw e;
    if (current()) replace(main, errorBox(e));
    return;
  }
  if (!current()) return;
  const writable = canWrite(doc.collection);
  const article = textPanel(doc);
  const meta = Object.entries(doc.metadata || {}).map(([k, v]) =>
    [k, typeof v === 'object' ? JSON.stringify(v) : v]);
  replace(main,
      h('div', {class: 'doc-head'},
          q ? h('a', {class: 'back', href: '/search?q=' + encodeURIComponent(q),
            on: {click: (ev) => {
              if (history.length > 1) {
                ev.preventDefault();
                history.back();
              }
            }}}, t('doc.back')) : null,
          h('h1', {id: 'doc-title', dir: 'auto'}, docTitle(doc)),
          h('div', {class: 'doc-actions'}, starButton(doc, id), ' ',
              h('a', {href: `/api/docs/${id}/original`, download: true, id: 'download', class: 'button'},
                  t('doc.download')))),
      h('div', {class: 'doc-layout'},
          article,
          h('div', {class: 'doc-side'},
              section(t('doc.metadata'), defList([
                [t('doc.field.collection'), doc.collection], [t('doc.field.path'), doc.path],
                [t('doc.field.type'), doc.type], [t('doc.field.lang'), doc.lang],
                [t('doc.field.size'), doc.size === undefined ? '' : num(doc.size)],
                [t('doc.field.pages'), doc.pages || ''], [t('doc.field.sha256'), doc.sha256],
                ...meta], 'fields metadata')),
              section(t('doc.provenance'), h('ul', {class: 'provenance', id: 'provenance'},
                  (doc.provenance || []).map((p) => h('li', {},
                      h('span', {class: 'prov-path', dir: 'auto'}, p.path),
                      p.member ? [' ', h('span', {class: 'prov-member', dir: 'auto'},
                          t('doc.member', p.member))] : null,
                      p.ingested ? [' ', h('span', {class: 'prov-time'}, t('doc.ingested', ''), h('bdi', {}, p.ingested))] : null)))),
              tagPanel(doc, id, writable),
              notePanel(doc, id, writable),
              entityPanel(doc, article),
              figurePanel(doc))));
  document.title = `${docTitle(doc)} · tahqiq`;
}
