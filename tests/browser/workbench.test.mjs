// Browser end-to-end tests of the workbench: Debian's Chromium (headless),
// driven by playwright-core, against a real `tahqiq serve` on loopback over a
// fixture case built by harness.mjs. Run: scripts/browser-test.sh.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';

import {chromium} from 'playwright-core';

import {ARTIFACTS, BULK_PER_MBOX, CHROMIUM, MARKUP_NAME, REPO, USERS, buildCase, startServer} from
    './harness.mjs';

let browser;
let server;
let base;

before(async () => {
  if (process.env.TAHQIQ_TEST_BASE) {
    // Development only: a server already running on a case from harness.mjs.
    base = process.env.TAHQIQ_TEST_BASE;
  } else {
    server = await startServer(buildCase().caseDir);
    base = server.base;
  }
  fs.mkdirSync(ARTIFACTS, {recursive: true});
  browser = await chromium.launch({executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic',
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']});
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// A fresh browser context (own cookies) with traps for anything a hostile
// document could make run: dialogs, overridden alert/confirm/prompt, a
// `securitypolicyviolation` listener, requests to any other origin, page
// errors. `page.evidence()` returns what was caught.
async function newPage({lang = 'en'} = {}) {
  const context = await browser.newContext({locale: lang, viewport: {width: 1280, height: 900}});
  const evidence = {dialogs: [], offsite: [], pageErrors: [], cspConsole: []};
  await context.addInitScript((l) => {
    window.__xssCalls = [];
    window.__csp = [];
    for (const f of ['alert', 'confirm', 'prompt', 'print']) {
      window[f] = (...args) => {
        window.__xssCalls.push([f, ...args.map(String)]);
      };
    }
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push([e.violatedDirective, e.blockedURI, e.disposition]);
    });
    if (!localStorage.getItem('tahqiq.lang')) localStorage.setItem('tahqiq.lang', l);
  }, lang);
  await context.route((url) => url.origin !== base, (route) => {
    evidence.offsite.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  page.on('dialog', (d) => {
    evidence.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => evidence.pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) evidence.cspConsole.push(m.text());
  });
  page.evidence = async () => ({...evidence,
    calls: await page.evaluate(() => window.__xssCalls), csp: await page.evaluate(() => window.__csp),
    pwned: await page.evaluate(() => window.__pwned ?? null)});
  return page;
}

async function login(page, user) {
  await page.goto(base + '/login');
  await page.fill('#login-user', user);
  await page.fill('#login-password', USERS[user][1]);
  await page.click('#login-submit');
  await page.waitForSelector('#who');
}

async function search(page, q, extra = '') {
  await page.goto(`${base}/search?q=${encodeURIComponent(q)}${extra}`);
  await page.waitForSelector('#total');
  return {
    total: Number(await page.getAttribute('#total', 'data-total')),
    titles: await page.$$eval('.result-title', (as) => as.map((a) => a.textContent)),
    marks: await page.$$eval('.result .snippet mark', (ms) => ms.map((m) => m.textContent)),
    collections: await page.$$eval('.result .collection', (s) => s.map((x) => x.textContent)),
    facet: async (f) => page.$$eval(`.facet[data-facet="${f}"] input`, (is) => is.map((i) => i.dataset.value)),
  };
}

async function openDoc(page, title, q) {
  const r = await search(page, q);
  const i = r.titles.indexOf(title);
  assert.ok(i >= 0, `"${title}" not in the results for ${q}: ${r.titles.join(' | ')}`);
  await page.locator('.result-title').nth(i).click();
  await page.waitForSelector('#doc-text');
  return Number(/\/doc\/(\d+)/.exec(page.url())[1]);
}

function shot(page, name) {
  return page.screenshot({path: path.join(ARTIFACTS, name + '.png'), fullPage: true});
}

// Nothing ran: no dialog, no hooked call, no CSP violation (an attempt would
// mean markup was parsed), no request off the server, no page error.
async function assertNothingExecuted(page, where) {
  const e = await page.evidence();
  assert.deepEqual(e.dialogs, [], `${where}: dialogs`);
  assert.deepEqual(e.calls, [], `${where}: alert/confirm/prompt calls`);
  assert.equal(e.pwned, null, `${where}: window.__pwned`);
  assert.deepEqual(e.offsite, [], `${where}: requests to other origins`);
  assert.deepEqual(e.csp, [], `${where}: CSP violations`);
  assert.deepEqual(e.cspConsole, [], `${where}: CSP console messages`);
  assert.deepEqual(e.pageErrors, [], `${where}: page errors`);
  const injected = await page.$$eval('#main script, #main iframe, #main img, #main svg, #main object, ' +
      '#main embed, #main [onerror], #main [onload], #main a[href^="javascript"]', (els) => els.length);
  assert.equal(injected, 0, `${where}: elements from document content`);
}

// The lines of the mixed fixture, and the direction Unicode's rules P2-P3
// give each: its first strong character (Arabic or Hebrew letter: rtl).
const MIXED = fs.readFileSync(path.join(REPO, 'tests/fixtures/extract/text_utf8.txt'), 'utf8')
    .split('\n').filter((l) => l.trim());
const firstStrongDir = (line) => {
  const m = /[\p{L}]/u.exec(line);
  return m && /[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(m[0]) ? 'rtl' : 'ltr';
};

test('login page, wrong password, then log in', async () => {
  const page = await newPage();
  await page.goto(base + '/search?q=x');
  await page.waitForSelector('#login-form');
  assert.match(page.url(), /\/login\?next=/);
  await shot(page, 'login');
  await page.fill('#login-user', 'dov');
  await page.fill('#login-password', 'not the password');
  await page.click('#login-submit');
  await page.waitForSelector('#login-error:not([hidden])');
  await page.fill('#login-password', USERS.dov[1]);
  await page.click('#login-submit');
  await page.waitForSelector('#who');
  assert.match(await page.textContent('#who'), /dov/);
  assert.match(page.url(), /\/search\?q=x$/, 'back to the page asked for');
  await page.close();
});

// Logs dov in with the interface in `lang` (rtl for ar and he), searches `q`
// and checks that each of `forms` is highlighted in some snippet. Returns
// the page and the results.
async function searchForms(lang, q, minTotal, forms) {
  const page = await newPage({lang});
  await login(page, 'dov');
  assert.equal(await page.getAttribute('html', 'dir'), lang === 'en' ? 'ltr' : 'rtl');
  const r = await search(page, q);
  assert.ok(r.total >= minTotal, `${q}: total ${r.total}`);
  for (const form of forms) assert.ok(r.marks.includes(form), `${form} in ${r.marks}`);
  // The foreign memo holds all three query words, in a collection dov lacks.
  assert.ok(r.collections.every((c) => ['leak', 'xss'].includes(c)), r.collections.join(','));
  return {page, r};
}

test('search in Arabic finds inflected forms and highlights them', async () => {
  // لوزارة (with the preposition) and الوزارة (with the article) are found by وزارة.
  const {page, r} = await searchForms('ar', 'وزارة', 4, ['وزارة', 'لوزارة', 'الوزارة']);
  assert.ok(r.titles.includes('contract-2023-117-mixed.txt'), r.titles.join(' | '));
  await shot(page, 'search-ar');
  await page.close();
});

test('search in Hebrew finds prefixed forms; English finds stems', async () => {
  const {page} = await searchForms('he', 'חשבונית', 3, ['חשבונית', 'בחשבונית']);
  await shot(page, 'search-he');
  await page.selectOption('#lang-select', 'en');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  await page.close();
  await (await searchForms('en', 'invoices', 3, ['invoice'])).page.close();
});

test('viewer: per-paragraph direction and exact highlights in a mixed document', async () => {
  const page = await newPage({lang: 'he'});
  await login(page, 'dov');
  await openDoc(page, 'contract-2023-117-mixed.txt', 'وزارة');
  const paras = await page.$$eval('#doc-text .para', (ps) => ps.map((p) => ({
    text: p.textContent, dir: p.getAttribute('dir'), computed: getComputedStyle(p).direction})));
  assert.deepEqual(paras.map((p) => p.text), MIXED);
  assert.deepEqual(paras.map((p) => p.dir), MIXED.map(firstStrongDir));
  assert.deepEqual(paras.map((p) => p.computed), MIXED.map(firstStrongDir));
  assert.ok(paras.some((p) => p.dir === 'ltr') && paras.some((p) => p.dir === 'rtl'));

  // The query hit wraps exactly the word لوزارة, where it stands in its line.
  const marks = await page.$$eval('#doc-text mark.hl-q', (ms) => ms.map((m) => {
    const p = m.closest('.para');
    const before = document.createRange();
    before.setStart(p, 0);
    before.setEndBefore(m);
    return {text: m.textContent, para: [...p.parentNode.querySelectorAll('.para')].indexOf(p),
      offset: before.toString().length};
  }));
  const line = MIXED.findIndex((l) => l.includes('لوزارة'));
  assert.deepEqual(marks, [{text: 'لوزارة', para: line, offset: MIXED[line].indexOf('لوزارة')}]);
  // On screen: inside its right-to-left line, left of the line's first word.
  const geo = await page.$eval('#doc-text mark.hl-q', (m) => {
    const p = m.closest('.para');
    const first = document.createRange();
    first.setStart(p.firstChild, 0);
    first.setEnd(p.firstChild, 5);
    const r = m.getBoundingClientRect();
    const pr = p.getBoundingClientRect();
    return {inside: r.left >= pr.left && r.right <= pr.right, leftOfStart: r.right <= first.getBoundingClientRect().left};
  });
  assert.deepEqual(geo, {inside: true, leftOfStart: true});

  // Figures: each listed figure is highlighted with exactly its text.
  const figures = await page.$$eval('#figure-list tr', (rs) => rs.map((r) => [r.dataset.figure, r.lastChild.textContent]));
  assert.ok(figures.length >= 3, `figures ${figures}`);
  for (const [idx, text] of figures) {
    const spans = await page.$$eval(`#doc-text .hl-figure[data-figure="${idx}"]`, (s) => s.map((x) => x.textContent).join(''));
    assert.equal(spans, text, `figure ${idx}`);
  }
  const arFigures = await page.$$eval(`#doc-text .para:nth-of-type(${MIXED.findIndex((l) => l.startsWith('الفاتورة')) + 1}) .hl-figure`,
      (s) => s.map((x) => x.textContent));
  assert.deepEqual(arFigures, ['48,500 دولار أمريكي', '1,240 ساعة']);
  // Entities: every highlighted mention belongs to a listed entity.
  const listed = new Set(await page.$$eval('#entity-list li', (ls) => ls.map((l) => l.dataset.entity)));
  const mentioned = await page.$$eval('#doc-text .hl-entity', (s) => s.map((x) => x.dataset.entity));
  assert.ok(mentioned.length > 0);
  for (const id of mentioned) assert.ok(listed.has(id), `entity ${id} highlighted but not listed`);
  assert.match(await page.textContent('#provenance'), /contract-2023-117-mixed\.txt/);
  assert.equal(await page.getAttribute('#download', 'href'), `/api/docs/${/\/doc\/(\d+)/.exec(page.url())[1]}/original`);
  await shot(page, 'viewer-rtl');

  // The Hebrew query marks both the bare and the prefixed form.
  await openDoc(page, 'contract-2023-117-mixed.txt', 'חשבונית');
  assert.deepEqual(await page.$$eval('#doc-text mark.hl-q', (ms) => ms.map((m) => m.textContent)),
      ['חשבונית', 'בחשבונית']);
  await page.close();
});

test('tag, note and star a document; they survive a reload', async () => {
  const page = await newPage();
  await login(page, 'dov');
  await openDoc(page, 'contract-2023-117-mixed.txt', 'Nimbus');
  await page.fill('#tag-input', 'مراجعة');
  await page.click('#tag-form button[type=submit]');
  await page.waitForSelector('#tags li[data-tag="مراجعة"]');
  await page.fill('#note-input', 'check the March hours <b>twice</b>');
  await page.click('#note-form button[type=submit]');
  await page.waitForSelector('#notes .note');
  await page.click('#star');
  await page.waitForSelector('#star[aria-pressed=true]');
  await page.reload();
  await page.waitForSelector('#doc-text');
  assert.deepEqual(await page.$$eval('#tags li', (ls) => ls.map((l) => l.dataset.tag)), ['مراجعة']);
  assert.deepEqual(await page.$$eval('#notes .note-text', (ns) => ns.map((n) => n.textContent)),
      ['check the March hours <b>twice</b>']);
  assert.equal(await page.getAttribute('#star', 'aria-pressed'), 'true');
  await assertNothingExecuted(page, 'note with markup');
  // A second tag, removed again.
  await page.fill('#tag-input', 'draft');
  await page.click('#tag-form button[type=submit]');
  await page.click('#tags li[data-tag="draft"] .tag-remove');
  await page.waitForSelector('#tags li[data-tag="draft"]', {state: 'detached'});
  await page.reload();
  await page.waitForSelector('#doc-text');
  assert.deepEqual(await page.$$eval('#tags li', (ls) => ls.map((l) => l.dataset.tag)), ['مراجعة']);
  // The tag leads to the documents carrying it, with a tag facet to undo it.
  await page.click('#tags li[data-tag="مراجعة"] .tag-link');
  await page.waitForSelector('#result-list');
  assert.deepEqual(await page.$$eval('#result-list .result-title', (as) => as.map((a) => a.textContent)),
      ['contract-2023-117-mixed.txt']);
  assert.equal(await page.isChecked('#facets [data-facet="tag"] input[data-value="مراجعة"]'), true);
  // "Starred" lists the starred document; other documents are not.
  await page.click('a.nav-link[href="/search?starred=1"]');
  await page.waitForSelector('#result-list');
  assert.deepEqual(await page.$$eval('#result-list .result-title', (as) => as.map((a) => a.textContent)),
      ['contract-2023-117-mixed.txt']);
  assert.equal(await page.isChecked('#facet-starred'), true);
  await page.close();
});

test('facets filter, paging and go-to-page', async () => {
  const page = await newPage();
  await login(page, 'dov');
  const q = 'invoice OR وزارة OR חשבונית OR Nimbus';
  const r = await search(page, q, '&per_page=2');
  assert.ok(r.total >= 6, `total ${r.total}`);
  const langs = await r.facet('lang');
  assert.ok(langs.includes('ar') && langs.includes('he'), langs.join(','));
  await page.click('.pager a.page[data-page="2"]');
  await page.waitForURL(/page=2/);
  await page.waitForSelector('.pager .current');
  assert.equal(await page.textContent('.pager .page.current'), '2');
  const page2 = await page.$$eval('.result-title', (as) => as.map((a) => a.textContent));
  assert.notDeepEqual(page2, r.titles);
  await page.fill('.goto-page', '3');
  await page.click('.goto button');
  await page.waitForURL(/page=3/);
  await page.waitForSelector('#result-list');
  assert.equal(await page.textContent('.pager .page.current'), '3');
  // Next until the last page: every result once.
  const seen = new Set([...r.titles, ...page2]);
  for (let n = 3; ; n++) {
    for (const t of await page.$$eval('.result-title', (as) => as.map((a) => a.textContent))) {
      assert.ok(!seen.has(t), `${t} twice`);
      seen.add(t);
    }
    if (!(await page.$('.pager a.next'))) break;
    await page.click('.pager a.next');
    await page.waitForURL(new RegExp(`page=${n + 1}(&|$)`));
    await page.waitForSelector('#result-list, #no-results');
    // Past the real end of an estimated total: an empty page that links back.
    if (await page.$('#no-results')) {
      assert.ok(await page.$('#last-page'));
      break;
    }
  }
  assert.equal(seen.size, Number(await page.getAttribute('#total', 'data-total')), 'every result once');
  // The figure inputs add filters in the query syntax; the server applies them.
  await page.goto(`${base}/search?q=Nimbus`);
  await page.waitForSelector('#total');
  await page.fill('#fig-min', '40,000');
  await page.fill('#fig-currency', 'usd');
  await page.fill('#fig-from', '2023');
  await page.click('#fig-add');
  assert.equal(await page.inputValue('#q'), 'Nimbus money>=40,000 currency:USD date:2023..');
  await page.fill('#fig-from', '');
  await page.fill('#q', 'Nimbus');
  await page.fill('#fig-min', '40k');
  await page.fill('#fig-max', '50k');
  await page.fill('#fig-currency', 'USD');
  await page.click('#fig-add');
  await page.click('#search-submit');
  await page.waitForURL(/money/);
  await page.waitForSelector('#total');
  const withFigure = await page.$$eval('.result-title', (as) => as.map((a) => a.textContent));
  assert.ok(withFigure.includes('contract-2023-117-mixed.txt'), withFigure.join(' | '));
  await page.fill('#q', 'Nimbus money>=1m currency:USD');
  await page.click('#search-submit');
  await page.waitForURL(/money%3E%3D1m/);
  await page.waitForSelector('#total');
  assert.ok(!(await page.$$eval('.result-title', (as) => as.map((a) => a.textContent)))
      .includes('contract-2023-117-mixed.txt'), 'no USD amount of a million in the contract');
  // A language facet narrows the results to that language.
  await page.goto(`${base}/search?q=${encodeURIComponent(q)}`);
  await page.waitForSelector('#facets');
  await page.check('#facets .facet[data-facet="lang"] input[data-value="he"]');
  await page.waitForURL(/lang=he/);
  await page.waitForSelector('#total');
  const he = await page.$$eval('.result .lang', (s) => s.map((x) => x.textContent));
  assert.ok(he.length > 0 && he.every((l) => l === 'he'), he.join(','));
  await page.close();
});

test('paging past 10,000 results', async () => {
  const page = await newPage();
  await login(page, 'dov');
  const r = await search(page, 'deeppage');
  assert.ok(r.total >= 2 * BULK_PER_MBOX, `total ${r.total}`);
  const titlesOf = () => page.$$eval('.result-title', (as) => as.map((a) => a.textContent));
  const seen = new Set();
  const collect = async (n, count) => {
    await page.waitForURL(new RegExp(`page=${n}(&|$)`));
    await page.waitForSelector('#result-list');
    assert.equal(await page.textContent('.pager .page.current'), String(n));
    assert.equal(await page.getAttribute('#result-list', 'start'), String((n - 1) * 20 + 1));
    const titles = await titlesOf();
    if (count) assert.equal(titles.length, count, `page ${n}`);
    for (const t of titles) {
      assert.ok(!seen.has(t), `${t} on two pages`);
      seen.add(t);
    }
    return titles;
  };
  // Results 10,001-10,020 through the go-to-page box, then the next pages
  // until the end (two mailboxes + 10,020 messages: 502 pages).
  await page.fill('.goto-page', '501');
  await page.click('.goto button');
  assert.ok((await collect(501, 20)).every((t) => /^deeppage bulletin \d+$/.test(t)));
  let n = 501;
  while (await page.$('.pager a.next')) {
    await page.click('.pager a.next');
    await collect(++n);
  }
  assert.equal(n, Math.ceil((2 * BULK_PER_MBOX + 2) / 20));
  await page.click('.pager a.prev');
  await page.waitForURL(new RegExp(`page=${n - 1}(&|$)`));
  await page.waitForSelector('#result-list');
  assert.equal((await titlesOf()).length, 20);
  await page.close();
});

test('saved searches', async () => {
  const page = await newPage();
  await login(page, 'dov');
  await search(page, 'חשבונית');
  await page.fill('#save-name', 'חשבוניות מרץ');
  await page.click('#save-search button');
  await page.waitForSelector('#save-search .status:not(:empty)');
  await page.click('a[href="/searches"]');
  await page.waitForSelector('#saved-searches');
  const link = page.locator('#saved-searches a', {hasText: 'חשבוניות מרץ'});
  await link.click();
  await page.waitForSelector('#total');
  assert.equal(await page.inputValue('#q'), 'חשבונית');
  await page.close();
});

test('batch name search from an uploaded list', async () => {
  const page = await newPage();
  await login(page, 'dov');
  await page.click('a[href="/names"]');
  await page.setInputFiles('#names-file', {name: 'names.csv', mimeType: 'text/csv',
    buffer: Buffer.from('name,aliases\nNimbus;نيمبوس;נימבוס\nMinistry of Finance,وزارة المالية|משרד האוצר\nZzyzx Qwvb\n')});
  await page.waitForFunction(() => document.querySelector('#names-text').value.includes('Zzyzx'));
  await page.click('#names-submit');
  await page.waitForSelector('#name-hits');
  const rows = await page.$$eval('#name-hits .name-row', (rs) => rs.map((r) => [r.querySelector('.name').textContent,
    Number(r.dataset.hits), r.querySelectorAll('.name-docs li').length]));
  assert.deepEqual(rows.map((r) => r[0]), ['Nimbus', 'Ministry of Finance', 'Zzyzx Qwvb']);
  assert.ok(rows[0][1] >= 4 && rows[0][2] >= 1, `Nimbus ${rows[0]}`);
  assert.ok(rows[1][1] >= 1, `Ministry ${rows[1]}`);
  assert.equal(rows[2][1], 0);
  await shot(page, 'name-search');
  await page.close();
});

test('tables: list and a grid sorted by a numeric column', async () => {
  const page = await newPage();
  await login(page, 'dov');
  await page.click('a[href="/tables"]');
  await page.waitForSelector('#table-list');
  const names = await page.$$eval('#table-list tbody tr', (rs) => rs.map((r) => r.dataset.table));
  assert.ok(names.length >= 2, names.join(','));
  await page.locator('#table-list a').first().click();
  await page.waitForSelector('#grid');
  const numCol = await page.$$eval('#grid thead th[data-col]', (ths) =>
    ths.findIndex((th) => /integer|decimal|currency/.test(th.querySelector('.col-type').textContent)));
  assert.ok(numCol >= 0, 'a numeric column');
  const values = async () => page.$$eval(`#grid tbody tr td:nth-child(${numCol + 1})`,
      (tds) => tds.map((td) => td.textContent).filter((x) => x !== '').map(Number));
  await page.locator('#grid thead th[data-col] a.sort').nth(numCol).click();
  await page.waitForSelector(`#grid thead th[data-col]:nth-child(${numCol + 1})[aria-sort=ascending]`);
  const up = await values();
  assert.ok(up.length >= 2);
  assert.deepEqual(up, [...up].sort((a, b) => a - b));
  await page.locator('#grid thead th[data-col] a.sort').nth(numCol).click();
  await page.waitForSelector(`#grid thead th[data-col]:nth-child(${numCol + 1})[aria-sort=descending]`);
  assert.deepEqual(await values(), [...up].reverse());
  await shot(page, 'tables');
  await page.close();
});

test('a viewer sees no foreign collection: results, facets, documents', async () => {
  const admin = await newPage();
  await login(admin, 'amina');
  const all = await search(admin, 'quokkafern');
  assert.equal(all.total, 1);
  assert.deepEqual(all.collections, ['foreign']);
  await admin.click('.result-title');
  await admin.waitForSelector('#doc-text');
  const foreignUrl = new URL(admin.url()).pathname;
  await admin.close();

  const page = await newPage();
  await login(page, 'vera');
  const r = await search(page, 'quokkafern');
  assert.equal(r.total, 0);
  for (const q of ['وزارة', 'Ministry OR משרד OR quokkafern']) {
    const v = await search(page, q);
    assert.ok(v.total > 0);
    assert.deepEqual([...new Set(v.collections)], ['leak'], q);
    assert.deepEqual(await v.facet('collection'), ['leak'], q);
    assert.ok(!v.titles.includes('foreign-desk-memo.txt'));
  }
  await page.goto(base + foreignUrl);
  await page.waitForSelector('#main .error');
  assert.equal(await page.$('#doc-text'), null);
  // A viewer reads but does not write: no tag form, and the API refuses.
  await openDoc(page, 'contract-2023-117-mixed.txt', 'Nimbus');
  assert.equal(await page.$('#tag-form'), null);
  const id = /\/doc\/(\d+)/.exec(page.url())[1];
  const status = await page.evaluate(async (docId) => {
    const me = await (await fetch('/api/me')).json();
    const res = await fetch(`/api/docs/${docId}/tags`, {method: 'POST',
      headers: {'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf}, body: JSON.stringify({tag: 'x'})});
    return res.status;
  }, id);
  assert.equal(status, 403);
  await page.close();
});

test('entities page: readable documents only, kind and text filters, a name searches', async () => {
  const docsOf = async (page, name) => page.$$eval('#entity-table tbody tr', (trs, n) => {
    const tr = trs.find((r) => r.querySelector('.entity-name').textContent === n);
    return tr ? Number(tr.querySelectorAll('td.num')[0].textContent.replace(/[^0-9]/g, '')) : -1;
  }, name);
  const admin = await newPage();
  await login(admin, 'amina');
  await admin.goto(base + '/entities');
  await admin.waitForSelector('#entity-table');
  const all = await docsOf(admin, 'Ministry of Finance');
  await admin.close();
  const page = await newPage();
  await login(page, 'vera');
  await page.click('a.nav-link[href="/entities"]');
  await page.waitForSelector('#entity-table');
  // The foreign memo names the ministry too; vera does not count it.
  assert.ok(all >= 2, String(all));
  assert.equal(await docsOf(page, 'Ministry of Finance'), all - 1);
  await page.selectOption('#entity-kind', 'email');
  await page.waitForURL(/\/entities\?kind=email$/);
  await page.waitForSelector('#entity-table');
  const kinds = await page.$$eval('#entity-table tbody tr', (trs) => trs.map((r) => r.dataset.kind));
  assert.ok(kinds.length > 0 && kinds.every((k) => k === 'email'), kinds.join(','));
  await page.goto(base + '/entities');
  await page.waitForSelector('#entity-table');
  await page.fill('#entity-filter', 'נימבוס');
  const shown = await page.$$eval('#entity-table tbody tr:not([hidden])', (trs) =>
    trs.map((r) => r.querySelector('.entity-name').textContent + ' ' + r.querySelector('.aliases').textContent));
  assert.ok(shown.length > 0 && shown.every((x) => x.includes('נימבוס')), shown.join(' | '));
  await page.click('#entity-table tbody tr:not([hidden]) .entity-name');
  await page.waitForSelector('#total');
  assert.ok(Number(await page.getAttribute('#total', 'data-total')) > 0);
  await assertNothingExecuted(page, 'entities page');
  await page.close();
});

const XSS_PROBES = [
  ['xsshtmlprobe', 'xss-page.html'], ['xssemailprobe', 'xss-mail.eml'], ['xsstextprobe', 'xss-text.txt'],
  ['xssodtprobe', 'xss-minutes.odt'], ['xssnameprobe', MARKUP_NAME], ['path:vector', 'xss-vector.svg'],
];

test('XSS corpus: nothing from ingested documents executes', async () => {
  const page = await newPage();
  await login(page, 'dov');
  for (const [q, file] of XSS_PROBES) {
    const r = await search(page, q);
    assert.ok(r.total >= 1, `${q}: no result`);
    await assertNothingExecuted(page, `results of ${q}`);
    const paths = await page.$$eval('.result .path', (s) => s.map((x) => x.textContent));
    const i = paths.findIndex((p) => p.endsWith('/' + file));
    assert.ok(i >= 0, `${file} not among ${paths.join(' | ')}`);
    await page.locator('.result-title').nth(i).click();
    await page.waitForSelector('#doc-title');
    await page.waitForTimeout(100);
    await assertNothingExecuted(page, `viewer of ${file}`);
    assert.match(await page.textContent('#provenance'), new RegExp(file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    // The original is only ever an attachment in a sandbox.
    const id = /\/doc\/(\d+)/.exec(page.url())[1];
    const res = await page.request.get(`${base}/api/docs/${id}/original`);
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-disposition'] || '', /^attachment/);
    assert.match(res.headers()['content-security-policy'] || '', /sandbox/);
    assert.equal(res.headers()['x-content-type-options'], 'nosniff');
  }
  // The markup in the file name is shown as text.
  const r = await search(page, 'xssnameprobe');
  assert.ok(r.titles.some((t) => t.includes('<img src=x onerror=alert(1)>')), r.titles.join(' | '));
  // The escaped markup of the HTML page is text in the viewer, as written.
  await openDoc(page, (await search(page, 'xsshtmlprobe')).titles[0], 'xsshtmlprobe');
  assert.match(await page.textContent('#doc-text'), /<img src=x onerror=/);
  await assertNothingExecuted(page, 'html viewer');
  // Entity names and spellings from the corpus, listed.
  await page.goto(base + '/entities');
  await page.waitForSelector('#entity-table');
  await assertNothingExecuted(page, 'entities page');
  await page.close();
});

test('admin audit page shows the logins, searches, views and tags', async () => {
  const page = await newPage();
  await login(page, 'amina');
  await page.click('a[href="/audit"]');
  await page.waitForSelector('#audit tbody tr');
  const rows = await page.$$eval('#audit tbody tr', (rs) => rs.map((r) => ({
    actor: r.children[2].textContent, action: r.dataset.action, detail: r.children[4].textContent})));
  const by = (actor, re) => rows.filter((r) => r.actor.includes(actor) && re.test(r.action));
  assert.ok(by('dov', /login/).length >= 1, 'dov login');
  assert.ok(by('dov', /search/).some((r) => r.detail.includes('وزارة')), 'dov searched وزارة');
  assert.ok(by('dov', /view|doc/).length >= 1, 'dov viewed a document');
  assert.ok(by('dov', /tag/).some((r) => r.detail.includes('مراجعة')), 'dov tagged');
  assert.ok(by('vera', /login/).length >= 1, 'vera login');
  await shot(page, 'audit');
  // Not for the others.
  const other = await newPage();
  await login(other, 'dov');
  assert.equal(await other.$('a[href="/audit"]'), null);
  const status = await other.evaluate(async () => (await fetch('/api/audit')).status);
  assert.equal(status, 403);
  await other.close();
  await page.close();
});
