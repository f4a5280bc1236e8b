/**
 * The fuzz properties of test/fuzz/properties.ts on a small budget: TIDINGS_FUZZ_RUNS
 * cases per property (default 150), a fresh random seed per run (printed, and taken from
 * TIDINGS_FUZZ_SEED when set), each case watched for hangs. `npm run fuzz` runs the same
 * properties for minutes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PROPERTY_NAMES } from './properties.ts';
import { describeOutcome, runFuzzProperty } from './runner.ts';

const RUNS = Number(process.env.TIDINGS_FUZZ_RUNS ?? 150);
const SEED = process.env.TIDINGS_FUZZ_SEED ? Number(process.env.TIDINGS_FUZZ_SEED) : undefined;

for (const name of PROPERTY_NAMES) {
  test(`fuzz ${name}: ${RUNS} cases`, async (t) => {
    // A time limit keeps a slow machine within budget; the cases run until then still count.
    const outcome = await runFuzzProperty(name, { numRuns: RUNS, seed: SEED, caseTimeoutMs: 15_000, timeLimitMs: 20_000 });
    t.diagnostic(describeOutcome(outcome).split('\n')[0]!);
    assert.equal(outcome.kind, 'passed', describeOutcome(outcome));
  });
}
