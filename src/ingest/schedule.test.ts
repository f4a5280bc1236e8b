import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adaptiveIntervalS, errorBackoffS } from './schedule.ts';

const bounds = { minS: 300, maxS: 86_400 };
const now = Date.UTC(2025, 6, 21, 12, 0, 0);
const min = 60_000;
const hour = 3600_000;

test('adaptive interval from publishing rate', () => {
  const table: { name: string; times: number[]; want: number }[] = [
    { name: 'no items: default hour', times: [], want: 3600 },
    { name: 'one item: default hour', times: [now - hour], want: 3600 },
    { name: 'every 10 minutes: clamped to the minimum', times: [0, 1, 2, 3, 4, 5].map((i) => now - 2 * min - i * 10 * min), want: 300 },
    { name: 'every 2 hours: one hour', times: [0, 1, 2, 3, 4].map((i) => now - 30 * min - i * 2 * hour), want: 3600 },
    { name: 'weekly: clamped to a day', times: [0, 1, 2, 3].map((i) => now - hour - i * 7 * 24 * hour), want: 86_400 },
    { name: 'future dates ignored', times: [now + hour, now - hour, now - 3 * hour, now - 5 * hour], want: 3600 },
    { name: 'an old burst: the idle gap is one gap among several', times: [now - 10 * 24 * hour, now - 10 * 24 * hour - 10 * min, now - 10 * 24 * hour - 20 * min], want: 300 },
  ];
  for (const c of table) assert.equal(adaptiveIntervalS(c.times, now, bounds), c.want, c.name);
});

test('error backoff doubles from the minimum, capped, honours Retry-After', () => {
  const mid = () => 0.5;
  assert.equal(errorBackoffS(1, bounds, { random: mid }), 300);
  assert.equal(errorBackoffS(2, bounds, { random: mid }), 600);
  assert.equal(errorBackoffS(4, bounds, { random: mid }), 2400);
  assert.equal(errorBackoffS(40, bounds, { random: mid }), 86_400);
  assert.equal(errorBackoffS(1, bounds, { random: mid, retryAfterMs: 7200_000 }), 7200);
  const jittered = errorBackoffS(3, bounds, { random: () => 0 });
  assert.ok(jittered >= 1080 && jittered <= 1200);
});
