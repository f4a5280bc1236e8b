import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
let dir = '';
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli.ts'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, TIDINGS_LLM_BASE_URL: '', TIDINGS_LLM_MODEL: '' } });
  return { code: r.status, lines: r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>), stderr: r.stderr };
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidings-read-'));
  writeFileSync(join(dir, 'a.txt'), 'Floods cut off northern towns\nFloods cut off three northern towns on Tuesday after the Vell river burst its banks, officials said.\nRescue teams evacuated more than 2,000 residents overnight, the mayor of Tessby, Anna Berg, said.\n');
  writeFileSync(join(dir, 'b.html'), '<html><head><title>Ignored</title></head><body><article><h1>Bank fined in Oslo</h1><p>The regulator fined Harbour Bank 12 million euros on Monday.</p><p>The bank said it would appeal.</p></article></body></html>');
  writeFileSync(
    join(dir, 'jobs.jsonl'),
    [
      JSON.stringify({ id: 'q1', file: join(dir, 'a.txt'), question: 'How many residents were evacuated?' }),
      'not json',
      JSON.stringify({ id: 'q3', file: join(dir, 'missing.txt'), question: 'Who?' }),
      JSON.stringify({ id: 'q4', file: join(dir, 'a.txt'), question: 'Who is the mayor of Tessby?' }),
    ].join('\n'),
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('tidings read --json: one line per file, errors reported per file', () => {
  const r = cli('read', '--json', '--published', '2025-07-20', join(dir, 'a.txt'), join(dir, 'missing.txt'), join(dir, 'b.html'));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.lines.length, 3);
  const [a, missing, b] = r.lines;
  assert.deepEqual(Object.keys(a!), ['file', 'lang', 'sentences', 'summary', 'hashtags', 'entities', 'timeline', 'quotes', 'figures']);
  assert.equal((a!.sentences as string[])[0], 'Floods cut off northern towns');
  assert.match(String(missing!.error), /ENOENT/);
  assert.equal(missing!.file, join(dir, 'missing.txt'));
  assert.ok((b!.sentences as string[]).some((s) => s.includes('Harbour Bank 12 million euros')));
});

test('tidings read: bad arguments exit 2', () => {
  assert.equal(cli('read', '--json').code, 2);
  assert.equal(cli('read', '--json', '--published', 'yesterday', join(dir, 'a.txt')).code, 2);
});

test('tidings ask --json --question and --batch', () => {
  const one = cli('ask', '--json', '--question', 'How many residents were evacuated?', join(dir, 'a.txt'));
  assert.equal(one.code, 0, one.stderr);
  assert.deepEqual(one.lines[0], { answer: 'more than 2,000', citations: [{ sentence: 2, text: 'Rescue teams evacuated more than 2,000 residents overnight, the mayor of Tessby, Anna Berg, said.' }] });
  const batch = cli('ask', '--json', '--batch', join(dir, 'jobs.jsonl'));
  assert.equal(batch.code, 0, batch.stderr);
  assert.equal(batch.lines.length, 4);
  assert.equal(batch.lines[0]!.id, 'q1');
  assert.equal(batch.lines[0]!.answer, 'more than 2,000');
  assert.match(String(batch.lines[1]!.error), /not JSON/);
  assert.equal(batch.lines[2]!.id, 'q3');
  assert.match(String(batch.lines[2]!.error), /ENOENT/);
  assert.equal(batch.lines[3]!.id, 'q4');
  assert.equal(batch.lines[3]!.answer, 'Anna Berg');
});
