// Builds the fixture case of the browser tests with the real `tahqiq` binary
// (collections, ingest, users, grants) and starts `tahqiq serve` on a free
// loopback port. Everything lives in one temporary folder, removed at exit.
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

// fileURLToPath rather than import.meta.dirname: Debian 12's Node.js is 18.
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.TAHQIQ_BIN || path.join(REPO, 'build/release/src/app/tahqiq');
export const CHROMIUM = process.env.TAHQIQ_CHROMIUM || '/usr/bin/chromium';
export const ARTIFACTS = process.env.TAHQIQ_BROWSER_ARTIFACTS || path.join(REPO, 'build/browser-artifacts');

// Users of the fixture case: name -> [role, password, grants].
export const USERS = {
  amina: ['admin', 'amina-pass-ع1', []],
  dov: ['editor', 'dov-pass-ש2', [['leak', 'write'], ['xss', 'write'], ['bulk', 'read']]],
  vera: ['viewer', 'vera-pass-3', [['leak', 'read']]],
};

// The file name that carries markup (a file of the XSS corpus is copied to it).
export const MARKUP_NAME = '"><img src=x onerror=alert(1)>.txt';

// What to undo at exit, last first (server killed, then the folder removed);
// Ctrl-C or a kill still runs it. One failing step does not stop the rest.
const cleanups = [];
process.on('exit', () => {
  for (const undo of cleanups.reverse()) {
    try {
      undo();
    } catch (e) {
      console.error(`# cleanup: ${e.message}`);
    }
  }
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(sig, () => process.exit(130));

// Cheaper argon2id parameters for the test users (the server reads them from
// each stored hash): what is tested here is the browser side, not hashing.
const ENV = {...process.env, TAHQIQ_PASSWORD_COST: 'interactive'};

function run(args, input) {
  const r = spawnSync(BIN, args, {input: input ?? '', encoding: 'utf8', timeout: 120000, env: ENV});
  if (r.status !== 0) {
    throw new Error(`tahqiq ${args.join(' ')} exited ${r.status}: ${r.stderr || r.stdout}`);
  }
  return r.stdout;
}

function copy(from, toDir, name) {
  fs.mkdirSync(toDir, {recursive: true});
  fs.copyFileSync(path.join(REPO, from), path.join(toDir, name ?? path.basename(from)));
}

// The corpus: collection "leak" (Arabic, Hebrew, English and mixed documents,
// two tables), "foreign" (granted to nobody but the admin) and "xss".
function writeCorpus(dir) {
  const leak = path.join(dir, 'leak');
  copy('tests/fixtures/extract/text_utf8.txt', leak, 'contract-2023-117-mixed.txt');
  for (const f of ['text_windows1256.txt', 'text_windows1255.txt', 'report.docx', 'invoices.csv',
    'typed-billing.xlsx']) {
    copy(`tests/fixtures/extract/${f}`, leak);
  }
  for (const l of ['ar', 'he', 'en']) copy(`tests/golden/figures/${l}/money.txt`, leak, `${l}-money.txt`);
  for (const l of ['ar', 'he']) copy(`tests/golden/entities/${l}/names.txt`, leak, `${l}-names.txt`);
  copy('tests/browser/corpus/foreign-desk-memo.txt', path.join(dir, 'foreign'));
  const xss = path.join(dir, 'xss');
  for (const f of fs.readdirSync(path.join(REPO, 'tests/browser/xss'))) {
    if (f === 'xss-name.txt') copy(`tests/browser/xss/${f}`, xss, MARKUP_NAME);
    else if (!f.endsWith('.py')) copy(`tests/browser/xss/${f}`, xss);
  }
}

// Collection "bulk": more than 10,000 small documents for deep paging, as two
// mailboxes of BULK_PER_MBOX messages (each message becomes a document).
export const BULK_PER_MBOX = 5010;

function writeBulk(dir) {
  fs.mkdirSync(dir, {recursive: true});
  for (const part of [0, 1]) {
    const lines = [];
    for (let i = part * BULK_PER_MBOX; i < (part + 1) * BULK_PER_MBOX; i++) {
      lines.push(`From desk${i}@example.org Mon Jan  2 10:00:00 2023`, `From: desk${i}@example.org`,
          'To: archive@example.org', `Subject: deeppage bulletin ${i}`, 'Date: Mon, 2 Jan 2023 10:00:00 +0000',
          '', `deeppage bulletin number ${i} of the nightly export.`, '');
    }
    fs.writeFileSync(path.join(dir, `bulletins-${part}.mbox`), lines.join('\n') + '\n');
  }
}

export function buildCase() {
  if (!fs.existsSync(BIN)) throw new Error(`no tahqiq binary at ${BIN} (build first or set TAHQIQ_BIN)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tahqiq-browser-'));
  cleanups.push(() => fs.rmSync(dir, {recursive: true, force: true, maxRetries: 5}));
  const corpus = path.join(dir, 'corpus');
  const c = path.join(dir, 'case');
  writeCorpus(corpus);
  writeBulk(path.join(corpus, 'bulk'));
  // Ingest creates the case and each collection.
  const t0 = Date.now();
  for (const coll of ['leak', 'foreign', 'xss', 'bulk']) {
    run(['ingest', '--case', c, '--collection', coll, path.join(corpus, coll)]);
  }
  const t1 = Date.now();
  for (const [name, [role, password, grants]] of Object.entries(USERS)) {
    run(['user', 'add', '--case', c, name, '--role', role], password + '\n');
    for (const [coll, access] of grants) run(['grant', '--case', c, name, coll, access]);
  }
  console.log(`# fixture case: ingest ${t1 - t0} ms, users and grants ${Date.now() - t1} ms`);
  return {dir, caseDir: c, corpus};
}

// Starts `tahqiq serve` and resolves with {base, proc} once it prints its port.
export function startServer(caseDir) {
  const proc = spawn(BIN, ['serve', '--case', caseDir, '--listen', '127.0.0.1:0',
    '--web-root', path.join(REPO, 'web')], {stdio: ['ignore', 'pipe', 'pipe'], env: ENV});
  cleanups.push(() => proc.exitCode === null && proc.signalCode === null && proc.kill('SIGKILL'));
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('tahqiq serve did not start:\n' + log)), 20000);
    const onData = (d) => {
      log += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        // stop(): SIGTERM, resolved once the server has exited.
        const stop = () => new Promise((done) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return done();
          proc.once('exit', () => done());
          proc.kill('SIGTERM');
        });
        resolve({base: m[1], proc, stop, log: () => log});
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', (d) => {
      log += d;
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tahqiq serve exited ${code}:\n${log}`));
    });
  });
}
