/**
 * The seed page (../shared/seed): one outlet's article followed by the related articles
 * an aggregator showed beside it. Parsed into four articles for tests.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SeedArticle {
  slug: string;
  outlet: string;
  title: string;
  text: string;
  /** Publication time relative to the page: hours before "now". */
  hoursAgo: number;
}

export function sharedDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const p of [join(here, '../../../shared'), '/work/shared']) if (existsSync(p)) return p;
  throw new Error('../shared not found beside the repository');
}

export function loadSeed(): SeedArticle[] {
  const raw = readFileSync(join(sharedDir(), 'seed/000_61c282f448b72006.txt'), 'utf8');
  const lines = raw.split('\n');
  const start = lines.findIndex((l) => l.trim() !== '');
  const hashtags = lines.indexOf('Hashtags');
  const main = lines.slice(start, hashtags).filter((l) => l.trim());
  const out: SeedArticle[] = [{ slug: 'taliban-column', outlet: 'Chintan Research Foundation', title: main[0]!, text: main.slice(1).join('\n'), hoursAgo: 30 }];
  const related = lines.indexOf('Related Articles');
  for (let i = related + 1; i < lines.length; i++) {
    const m = /^- (.+)$/.exec(lines[i]!);
    if (!m) continue;
    const outlet = m[1]!.trim();
    const when = lines[i - 1]!.trim();
    const title = lines[i + 1]!.trim();
    let body = lines[i + 2]!.trim();
    // The aggregator repeats the title at the start of the body.
    if (body.startsWith(title)) body = body.slice(title.length).trim();
    const n = Number(/^(\d+)/.exec(when)?.[1] ?? 1);
    const hoursAgo = /day/.test(when) ? n * 24 : n;
    out.push({ slug: `${outlet.toLowerCase().replace(/\W+/g, '-')}-${out.length}`, outlet, title, text: body, hoursAgo });
  }
  return out;
}
