// Batch name search: a CSV/TXT list of names with aliases, parsed here, sent
// to /api/namesearch; the answer shows hits per name with their documents.
import {api} from '../api.js';
import {errorBox} from '../core.js';
import {h, replace} from '../dom.js';
import {num, t} from '../i18n.js';
import {docTitle, snippet} from '../widgets.js';

// Splits one CSV line on `sep`, honouring "double quoted" fields.
function splitCsv(line, sep) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cur += c;
      }
    } else if (c === '"' && cur.trim() === '') {
      quoted = true;
      cur = '';
    } else if (c === sep) {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out;
}

// One name per line, aliases after ";" or "," (also "|" between aliases, the
// watchlist CSV form); an optional "name,aliases" header line is skipped.
export function parseNames(text) {
  const names = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const sep = line.includes(';') ? ';' : ',';
    const parts = splitCsv(line, sep).flatMap((p) => p.split('|')).map((p) => p.trim()).filter(Boolean);
    if (!parts.length) continue;
    if (i === 0 && /^name$/i.test(parts[0]) && (parts.length === 1 || /^alias(es)?$/i.test(parts[1]))) continue;
    names.push({name: parts[0], aliases: parts.slice(1)});
  }
  return names;
}

function resultTable(answer) {
  return h('table', {class: 'name-hits', id: 'name-hits'},
      h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, t('names.name')), h('th', {scope: 'col'}, t('names.hits')),
          h('th', {scope: 'col'}, t('names.docs')))),
      h('tbody', {}, (answer.names || []).map((n) => h('tr', {class: 'name-row', data: {hits: n.hits}},
          h('td', {class: 'name', dir: 'auto'}, n.name),
          h('td', {class: 'hits'}, num(n.hits ?? 0)),
          h('td', {}, h('ul', {class: 'name-docs'}, (n.docs || []).map((d) => h('li', {},
              h('a', {href: `/doc/${Number(d.id)}?q=` + encodeURIComponent(`name:"${n.name.replace(/"/g, '')}"`),
                dir: 'auto'}, docTitle(d)),
              d.how ? [' ', h('span', {class: 'kind how'}, d.how)] : null,
              d.snippet ? snippet(d.snippet) : null))))))));
}

export async function renderNames(main) {
  const area = h('textarea', {id: 'names-text', name: 'names', rows: 8, dir: 'auto', spellcheck: 'false'});
  const file = h('input', {id: 'names-file', name: 'file', type: 'file', accept: '.csv,.txt,text/csv,text/plain',
    on: {change: async () => {
      const f = file.files && file.files[0];
      if (f) area.value = await f.text();
    }}});
  const count = h('p', {class: 'status', id: 'names-count', role: 'status'});
  const out = h('div', {id: 'names-result'});
  const form = h('form', {id: 'names-form', class: 'names-form', on: {submit: async (ev) => {
    ev.preventDefault();
    const names = parseNames(area.value);
    replace(count, t('names.count', num(names.length)));
    if (!names.length) return;
    replace(out, h('p', {class: 'loading'}, t('common.loading')));
    try {
      replace(out, resultTable(await api('POST', '/api/namesearch', null, {names})));
    } catch (e) {
      replace(out, errorBox(e));
    }
  }}},
  h('p', {class: 'hint'}, t('names.help')),
  h('label', {for: 'names-file'}, t('names.file')), ' ', file,
  h('label', {for: 'names-text'}, t('names.text')), area,
  h('button', {type: 'submit', id: 'names-submit'}, t('names.submit')));
  replace(main, h('h1', {}, t('names.title')), form, count, out);
}
