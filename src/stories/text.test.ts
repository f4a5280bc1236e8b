import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capitalisedNames, stem, terms } from './text.ts';

test('capitalised names', () => {
  const cases: { name: string; input: string; want: string[] }[] = [
    { name: 'title dropped', input: 'Shares rose after US President Donald Trump spoke.', want: ['donald trump'] },
    { name: 'nationality and title dropped', input: 'Israeli Foreign Minister Gideon Saar said so.', want: ['gideon saar'] },
    { name: 'company kept whole', input: 'Shares of General Motors fell.', want: ['general motors'] },
    { name: 'connector inside a name', input: 'The Bank of England held rates.', want: ['bank of england'] },
    { name: 'possessive ends a name', input: "There were clashes in Syria's Sweida province.", want: ['syria', 'sweida'] },
    { name: 'hyphenated modifier', input: 'the Israeli-occupied Golan Heights', want: ['israeli', 'golan heights'] },
    { name: 'sentence openers and weekdays skipped', input: 'On Monday the Taliban met. Fifteen more died.', want: ['taliban'] },
  ];
  for (const c of cases) assert.deepEqual(capitalisedNames(c.input), c.want, c.name);
});

test('terms drop stop words and numbers and fold plurals', () => {
  assert.deepEqual(terms("The earthquakes killed 12 people in Peru's highlands"), ['earthquake', 'killed', 'peru', 'highland']);
  assert.equal(stem('casualties'), 'casualty');
  assert.equal(stem('status'), 'status');
});
