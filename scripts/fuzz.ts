/**
 * `npm run fuzz [-- --minutes N] [--only NAME[,NAME]] [--seed N] [--case-timeout-ms MS]`
 *
 * Runs the fuzz properties of test/fuzz/properties.ts (feed parsing, sanitizing,
 * extraction, reading and ask, story placement) for N minutes (default 5), round-robin in
 * slices of about a minute, each slice with a new seed. Every case is watched for hangs.
 * Prints each counterexample (with the seed that replays it) and exits 1 when any
 * property failed, hung or crashed; 0 otherwise.
 */
import { parseArgs } from 'node:util';
import { PROPERTY_NAMES, type PropertyName } from '../test/fuzz/properties.ts';
import { describeOutcome, runFuzzProperty, type FuzzOutcome } from '../test/fuzz/runner.ts';

const USAGE = 'usage: npm run fuzz -- [--minutes N] [--only NAME[,NAME]] [--seed N] [--case-timeout-ms MS]\nproperties: ' + PROPERTY_NAMES.join(', ');

function fail(message: string): never {
  console.error(`fuzz: ${message}\n${USAGE}`);
  process.exit(2);
}

let values: { minutes?: string; only?: string; seed?: string; 'case-timeout-ms'?: string; help?: boolean };
try {
  ({ values } = parseArgs({ options: { minutes: { type: 'string' }, only: { type: 'string' }, seed: { type: 'string' }, 'case-timeout-ms': { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
} catch (err) {
  fail((err as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const minutes = values.minutes === undefined ? 5 : Number(values.minutes);
if (!Number.isFinite(minutes) || minutes <= 0) fail(`--minutes must be a positive number, got "${values.minutes}"`);
const names = (values.only ? values.only.split(',').map((s) => s.trim()) : PROPERTY_NAMES) as PropertyName[];
for (const n of names) if (!PROPERTY_NAMES.includes(n)) fail(`unknown property "${n}"`);
const fixedSeed = values.seed === undefined ? undefined : Number(values.seed);
if (fixedSeed !== undefined && !Number.isInteger(fixedSeed)) fail(`--seed must be an integer, got "${values.seed}"`);
const caseTimeoutMs = values['case-timeout-ms'] === undefined ? 30_000 : Number(values['case-timeout-ms']);
if (!Number.isFinite(caseTimeoutMs) || caseTimeoutMs < 100) fail('--case-timeout-ms must be at least 100');

const deadline = Date.now() + minutes * 60_000;
// Slices of about a minute, shorter when the whole run is short, so every property gets turns.
const sliceMs = Math.max(5_000, Math.min(60_000, (minutes * 60_000) / names.length));
const totals = new Map<string, number>(names.map((n) => [n, 0]));
const problems: FuzzOutcome[] = [];
const failedNames = new Set<string>();

console.log(`fuzz: ${names.join(', ')} for ${minutes} minute(s), slices of ${Math.round(sliceMs / 1000)} s, case timeout ${caseTimeoutMs} ms`);
let round = 0;
while (Date.now() < deadline) {
  const active = names.filter((n) => !failedNames.has(n));
  if (!active.length) break;
  for (const name of active) {
    const left = deadline - Date.now();
    if (left < 1_000) break;
    const outcome = await runFuzzProperty(name, {
      numRuns: 10_000_000,
      seed: fixedSeed !== undefined ? fixedSeed + round : undefined,
      timeLimitMs: Math.min(sliceMs, left),
      caseTimeoutMs,
    });
    totals.set(name, (totals.get(name) ?? 0) + outcome.runs);
    console.log(`[${new Date().toISOString().slice(11, 19)}] ${describeOutcome(outcome).split('\n')[0]}`);
    if (outcome.kind !== 'passed') {
      problems.push(outcome);
      failedNames.add(name); // one counterexample per property is enough; the others go on
      console.log(describeOutcome(outcome));
    }
  }
  round++;
}

console.log('\nfuzz: cases run per property');
for (const [name, n] of totals) console.log(`  ${name.padEnd(12)} ${n}${failedNames.has(name) ? '  FAILED' : ''}`);
if (problems.length) {
  console.log(`\nfuzz: ${problems.length} propert${problems.length === 1 ? 'y' : 'ies'} failed:\n`);
  for (const p of problems) console.log(describeOutcome(p) + '\n');
  process.exit(1);
}
console.log('\nfuzz: no counterexample found');
