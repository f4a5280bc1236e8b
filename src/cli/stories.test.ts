import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { quakeA, quakeB, wireCopy, wireOriginal } from '../stories/testdata.ts';
import type { ArticleInput } from '../stories/cluster.ts';

const line = (d: ArticleInput) => JSON.stringify({ id: d.id, title: d.title, text: d.text, published: new Date(d.publishedMs).toISOString(), source: d.source });

function runCli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'stories', ...args], { encoding: 'utf8', input });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('tidings stories --json --input: one line per document, bad lines reported on stderr', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-stories-'));
  try {
    const file = join(dir, 'in.jsonl');
    const lines = [
      line(quakeB[1]!),
      line(wireOriginal),
      '{"id": "broken", ',
      line(quakeA[0]!),
      JSON.stringify({ id: 'no-date', title: 't', text: 'x', published: 'not a date', source: 's' }),
      '',
      line(wireCopy),
      line(quakeA[1]!),
      line(quakeB[0]!),
    ];
    writeFileSync(file, lines.join('\n') + '\n');
    const r = runCli(['--json', '--input', file]);
    assert.equal(r.code, 0, r.err);
    const out = r.out.trim().split('\n').map((l) => JSON.parse(l) as { id: string; story: string; duplicate_of: string | null });
    assert.deepEqual(out.map((o) => o.id), [quakeB[1]!.id, wireOriginal.id, quakeA[0]!.id, wireCopy.id, quakeA[1]!.id, quakeB[0]!.id], 'input order');
    const by = new Map(out.map((o) => [o.id, o]));
    assert.equal(by.get(wireCopy.id)!.duplicate_of, wireOriginal.id);
    assert.equal(by.get(wireOriginal.id)!.duplicate_of, null);
    assert.equal(by.get(wireCopy.id)!.story, by.get(wireOriginal.id)!.story);
    assert.equal(by.get(quakeA[1]!.id)!.story, quakeA[0]!.id, 'story id is its first article (publication order)');
    assert.equal(by.get(quakeB[1]!.id)!.story, quakeB[0]!.id);
    const errors = r.err.trim().split('\n').map((l) => JSON.parse(l) as { line: number; error: string });
    assert.deepEqual(errors.map((e) => e.line), [3, 5]);
    assert.match(errors[1]!.error, /published/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tidings stories without --input is a usage error', () => {
  const r = runCli(['--json']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--input/);
});

test('tidings stories reads standard input with --input -', () => {
  const r = runCli(['--json', '--input', '-'], line(quakeA[0]!) + '\n');
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(JSON.parse(r.out), { id: quakeA[0]!.id, story: quakeA[0]!.id, duplicate_of: null });
});
