/**
 * The feed fixture set (test/fixtures/feeds/<slug>/{feed.*, expected.json}) and the
 * checks its expected.json files describe. Shared by the fixture test and the feeds eval,
 * so both score exactly the same expectations.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParseFeedResult } from './types.ts';

export const FIXTURE_DIR = fileURLToPath(new URL('../../../test/fixtures/feeds/', import.meta.url));

export interface ItemExpectation {
  index?: number;
  id?: string;
  idPrefix?: string;
  title?: string | null;
  link?: string | null;
  published?: string | null;
  updated?: string | null;
  author?: string | null;
  contentIncludes?: string;
  contentIncludes2?: string;
  contentExcludes?: string;
  summaryIncludes?: string;
}

export interface FeedExpectation {
  file: string;
  notes?: string;
  contentType?: string;
  url?: string;
  ok: boolean;
  errorIncludes?: string;
  title?: string | null;
  link?: string | null;
  description?: string | null;
  language?: string | null;
  updated?: string | null;
  itemCount?: number;
  maxTitleLength?: number;
  items?: ItemExpectation[];
  mustNotContain?: string;
  mustNotContainInHtml?: string[];
}

export interface FeedFixture {
  slug: string;
  bytes: Uint8Array;
  expected: FeedExpectation;
}

export function loadFeedFixtures(dir = FIXTURE_DIR): FeedFixture[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'expected.json')))
    .map((d) => {
      const expected = JSON.parse(readFileSync(join(dir, d.name, 'expected.json'), 'utf8')) as FeedExpectation;
      return { slug: d.name, bytes: new Uint8Array(readFileSync(join(dir, d.name, expected.file))), expected };
    })
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

export interface Check {
  name: string;
  pass: boolean;
  want: unknown;
  got: unknown;
}

/**
 * Lists every expectation of a fixture with whether `result` meets it. Expectations about
 * fields are only listed when the fixture names them, so a failed parse fails each of them.
 */
export function checkFeed(expected: FeedExpectation, result: ParseFeedResult): Check[] {
  const checks: Check[] = [];
  const add = (name: string, want: unknown, got: unknown, pass = want === got) => checks.push({ name, pass, want, got });
  add('ok', expected.ok, result.ok);
  if (!expected.ok) {
    if (expected.errorIncludes) add('error', expected.errorIncludes, result.ok ? null : result.error, !result.ok && result.error.includes(expected.errorIncludes));
    return checks;
  }
  const feed = result.ok ? result.feed : null;
  for (const key of ['title', 'link', 'description', 'language', 'updated'] as const) {
    if (key in expected) add(`feed.${key}`, expected[key], feed ? feed[key] : undefined);
  }
  if (expected.itemCount !== undefined) add('itemCount', expected.itemCount, feed?.items.length);
  if (expected.maxTitleLength !== undefined) add('title length', `<= ${expected.maxTitleLength}`, feed?.title?.length ?? 0, !!feed && (feed.title?.length ?? 0) <= expected.maxTitleLength);
  for (const ie of expected.items ?? []) {
    const i = ie.index ?? 0;
    const item = feed?.items[i];
    const p = `items[${i}]`;
    for (const key of ['id', 'title', 'link', 'published', 'updated', 'author'] as const) {
      if (key in ie) add(`${p}.${key}`, ie[key], item ? item[key] : undefined);
    }
    if (ie.idPrefix) add(`${p}.id prefix`, ie.idPrefix, item?.id, !!item?.id.startsWith(ie.idPrefix));
    for (const key of ['contentIncludes', 'contentIncludes2'] as const) {
      const want = ie[key];
      if (want) add(`${p}.content includes`, want, item?.content ?? null, !!item?.content?.includes(want));
    }
    if (ie.contentExcludes) add(`${p}.content excludes`, ie.contentExcludes, item?.content ?? null, !!item && !(item.content ?? '').includes(ie.contentExcludes));
    if (ie.summaryIncludes) add(`${p}.summary includes`, ie.summaryIncludes, item?.summary ?? null, !!item?.summary?.includes(ie.summaryIncludes));
  }
  if (expected.mustNotContain) {
    const all = JSON.stringify(feed ?? {});
    add('must not contain', expected.mustNotContain, all.length > 200 ? `${all.slice(0, 200)}...` : all, !!feed && !all.includes(expected.mustNotContain));
  }
  for (const bad of expected.mustNotContainInHtml ?? []) {
    const html = (feed?.items ?? []).map((it) => `${it.summary ?? ''}\n${it.content ?? ''}`).join('\n').toLowerCase();
    add(`html has no ${bad}`, bad, html.slice(0, 200), !!feed && !html.includes(bad.toLowerCase()));
  }
  return checks;
}
