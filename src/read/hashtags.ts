/** Hashtags from central entities. */
import type { Entities } from './types.ts';

export function toHashtag(name: string): string {
  const words = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return '#' + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

export function makeHashtags(entities: Entities, _sentences?: unknown[]): string[] {
  const all = [...entities.people, ...entities.organizations, ...entities.places].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
  const tags: string[] = [];
  for (const e of all) {
    const t = toHashtag(e.name);
    if (t.length > 1 && !tags.includes(t)) tags.push(t);
    if (tags.length >= 8) break;
  }
  return tags;
}
