import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readArticle } from './index.ts';
import { toHashtag } from './hashtags.ts';

test('toHashtag: CamelCase, no spaces or punctuation, accents folded, acronyms kept', () => {
  const cases: [string, string][] = [
    ['Taliban', '#Taliban'],
    ['Ahmed al-Sharaa', '#AhmedAlSharaa'],
    ['Türkiye', '#Turkiye'],
    ['UAE', '#UAE'],
    ["Syria's Sweida", '#SyriaSweida'],
    ['State Department', '#StateDepartment'],
  ];
  for (const [name, want] of cases) assert.equal(toHashtag(name), want);
});

const clashes = {
  title: "Sectarian clashes continue in Syria's Sweida region",
  text: "Sectarian clashes escalated in Syria's Druze region of Sweida on Saturday. Reuters reporters heard gunfire in Sweida city. Interim President Ahmed al-Sharaa said mediation had helped. Israel carried out airstrikes in Syria. The clashes have killed hundreds, the Syrian Observatory for Human Rights said. Sharaa criticised Israel. The interior ministry said the clashes had been halted in Sweida.",
};
const ceasefire = {
  title: 'Syrian forces deploy in Sweida as ceasefire begins',
  text: "Syria's government said its forces began deploying in Sweida on Saturday as a ceasefire took hold. Interim President Ahmed al-Sharaa accused Israel of sowing division. The ceasefire followed a week of violence in Sweida. Israel said it would protect the Druze in Syria.",
};

test('hashtags: 3 to 8, from central entities and the story event, no agencies or generic bodies', () => {
  const tags = readArticle(clashes).hashtags;
  assert.ok(tags.length >= 3 && tags.length <= 8, tags.join(' '));
  for (const t of tags) assert.match(t, /^#[\p{L}\p{N}]+$/u);
  assert.equal(tags[0], '#SweidaClashes');
  for (const t of ['#Sweida', '#Syria', '#Israel', '#AhmedAlSharaa']) assert.ok(tags.includes(t), `${t} missing from ${tags.join(' ')}`);
  assert.ok(!tags.includes('#Reuters'));
  assert.ok(!tags.includes('#InteriorMinistry'));
});

test('hashtags are deterministic and shared across articles of one story', () => {
  assert.deepEqual(readArticle(clashes).hashtags, readArticle(clashes).hashtags);
  const a = new Set(readArticle(clashes).hashtags);
  const b = readArticle(ceasefire).hashtags;
  assert.ok(b.includes('#SweidaCeasefire'), b.join(' '));
  const shared = b.filter((t) => a.has(t));
  assert.ok(shared.length >= 3, `shared: ${shared.join(' ')}`);
});

test('hashtags use the short form readers know for long names', () => {
  const tags = readArticle({
    title: 'Trump says he will help Afghans stuck in the UAE',
    text: 'US President Donald Trump said he would help Afghans in the United Arab Emirates. The UAE agreed in 2021 to house Afghans. Trump spoke after the United States pulled out. The US and the UAE are partners.',
  }).hashtags;
  assert.ok(tags.includes('#UAE'), tags.join(' '));
  assert.ok(tags.includes('#US'), tags.join(' '));
  assert.ok(tags.includes('#DonaldTrump'), tags.join(' '));
});

test('an article with few names still gets at least three tags', () => {
  const tags = readArticle({ title: 'Glaciers are melting faster', text: 'Glaciers lost more ice this summer than in any year on record. Scientists measured glaciers across the region. The melting glaciers raise sea levels.' }).hashtags;
  assert.ok(tags.length >= 3, tags.join(' '));
});
