import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanTitle, textToHtml, unescapeDoubleEncodedHtml } from './text.ts';

const titles: { name: string; input: string | null; want: string | null }[] = [
  { name: 'plain', input: 'Council approves bridge', want: 'Council approves bridge' },
  { name: 'entity', input: 'Tom &amp; Jerry', want: 'Tom & Jerry' },
  { name: 'double-encoded', input: 'Tom &amp;amp; Jerry', want: 'Tom & Jerry' },
  { name: 'double-encoded numeric', input: 'It&amp;#8217;s', want: 'It’s' },
  { name: 'html entities', input: 'Caf&eacute;&nbsp;&mdash; news', want: 'Café — news' },
  { name: 'escaped tags', input: '&lt;b&gt;Bold&lt;/b&gt; move', want: 'Bold move' },
  { name: 'raw tags', input: '<em>Breaking:</em> storm', want: 'Breaking: storm' },
  { name: 'void tag', input: 'One<br>Two', want: 'One Two' },
  { name: 'unpaired tag kept', input: 'Why <div> is bad', want: 'Why <div> is bad' },
  { name: 'less-than kept', input: 'x < y and y > z', want: 'x < y and y > z' },
  { name: 'cdata markers', input: '<![CDATA[Inner]]>', want: 'Inner' },
  { name: 'escaped cdata', input: '&lt;![CDATA[Inner]]&gt;', want: 'Inner' },
  { name: 'whitespace collapsed', input: '  Storm \n\t hits   coast ', want: 'Storm hits coast' },
  { name: 'control characters', input: 'Bad\u0001 bytes\u000b', want: 'Bad bytes' },
  { name: 'empty', input: '   ', want: null },
  { name: 'null', input: null, want: null },
];

test('cleanTitle', async (t) => {
  for (const c of titles) await t.test(c.name, () => assert.equal(cleanTitle(c.input), c.want));
});

test('textToHtml escapes and keeps paragraphs', () => {
  assert.equal(textToHtml('a < b & c'), 'a &lt; b &amp; c');
  assert.equal(textToHtml('one\ntwo'), 'one<br>two');
  assert.equal(textToHtml('one\n\ntwo'), '<p>one</p>\n<p>two</p>');
});

test('unescapeDoubleEncodedHtml undoes one level only when no real tag is present', () => {
  assert.equal(unescapeDoubleEncodedHtml('&lt;p&gt;Hi&lt;/p&gt;'), '<p>Hi</p>');
  assert.equal(unescapeDoubleEncodedHtml('<p>Use &lt;p&gt; tags</p>'), '<p>Use &lt;p&gt; tags</p>');
});
