/** Named entities: placeholder using compromise directly; the full resolver follows. */
import nlp from 'compromise';
import type { Entities, EntityEntry, Sentence } from './types.ts';

export function extractEntities(sentences: Sentence[]): Entities {
  const kinds = { people: new Map<string, EntityEntry>(), organizations: new Map<string, EntityEntry>(), places: new Map<string, EntityEntry>() };
  for (const s of sentences) {
    const doc = nlp(s.text);
    for (const [kind, list] of [
      ['people', doc.people().out('array') as string[]],
      ['organizations', doc.organizations().out('array') as string[]],
      ['places', doc.places().out('array') as string[]],
    ] as const) {
      for (const raw of list) {
        const name = raw.replace(/['’]s$/, '').replace(/[.,;:]$/, '').trim();
        if (!name) continue;
        const m = kinds[kind];
        const e = m.get(name) ?? { name, aliases: [], mentions: 0, sentences: [] };
        e.mentions++;
        if (!e.sentences.includes(s.index)) e.sentences.push(s.index);
        m.set(name, e);
      }
    }
  }
  const list = (m: Map<string, EntityEntry>) => [...m.values()].sort((a, b) => b.mentions - a.mentions);
  return { people: list(kinds.people), organizations: list(kinds.organizations), places: list(kinds.places) };
}
