import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseOpml, serializeOpml, type OpmlOutlet } from './opml.ts';

const SAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>My feeds</title></head><body>
  <outline text="World">
    <outline text="RTHK" title="RTHK English" type="rss" xmlUrl="https://rthk.example/rss/world.xml" htmlUrl="https://rthk.example/"/>
    <outline text="Asia">
      <outline text="SCMP &amp; Co" type="rss" xmlUrl="https://scmp.example/rss/91/feed"/>
    </outline>
  </outline>
  <outline text="Loose" type="rss" xmlUrl="https://loose.example/feed"/>
  <outline text="Bad" type="rss" xmlUrl="javascript:alert(1)"/>
  <outline text="Section page" type="page" xmlUrl="https://paper.example/world"/>
</body></opml>`;

test('parse OPML with nested folders, skipping bad URLs', () => {
  const r = parseOpml(SAMPLE);
  assert.ok(r.ok);
  assert.equal(r.title, 'My feeds');
  assert.equal(r.skipped, 1);
  assert.deepEqual(r.outlets.map((o) => [o.name, o.feedUrl, o.folder, o.kind]), [
    ['RTHK English', 'https://rthk.example/rss/world.xml', 'World', 'feed'],
    ['SCMP & Co', 'https://scmp.example/rss/91/feed', 'World/Asia', 'feed'],
    ['Loose', 'https://loose.example/feed', null, 'feed'],
    ['Section page', 'https://paper.example/world', null, 'page'],
  ]);
  assert.equal(r.outlets[0].siteUrl, 'https://rthk.example/');
});

test('round trip: serialize then parse gives the same outlets', () => {
  const r = parseOpml(SAMPLE);
  assert.ok(r.ok);
  const again = parseOpml(serializeOpml(r.outlets));
  assert.ok(again.ok);
  const key = (o: OpmlOutlet) => JSON.stringify([o.name, o.feedUrl, o.siteUrl, o.folder, o.kind]);
  assert.deepEqual(again.outlets.map(key).sort(), r.outlets.map(key).sort());
});

test('not OPML', () => {
  assert.equal(parseOpml('<html><body>hi</body></html>').ok, false);
  assert.equal(parseOpml('').ok, false);
});
