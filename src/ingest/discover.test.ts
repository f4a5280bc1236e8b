import assert from 'node:assert/strict';
import { test } from 'node:test';
import { discoverFeedLinks, siteNameFromHtml, articleLinksFromPage } from './discover.ts';

test('autodiscovery: alternate links of feed types, resolved, comments last', () => {
  const html = `<html><head><base href="https://news.example.org/en/">
    <link rel="alternate" type="application/rss+xml" title="Comments feed" href="/comments/feed">
    <link rel="alternate" type="application/rss+xml" title="News" href="rss.xml">
    <link rel="alternate" type="application/atom+xml" href="https://news.example.org/atom.xml">
    <link rel="alternate" type="application/feed+json" href="/feed.json">
    <link rel="alternate" hreflang="fr" href="/fr/">
    <link rel="stylesheet" type="text/css" href="/s.css">
  </head><body></body></html>`;
  const feeds = discoverFeedLinks(html, 'https://news.example.org/');
  assert.deepEqual(feeds.map((f) => f.url), ['https://news.example.org/en/rss.xml', 'https://news.example.org/atom.xml', 'https://news.example.org/feed.json', 'https://news.example.org/comments/feed']);
  assert.equal(feeds[0].title, 'News');
  assert.deepEqual(discoverFeedLinks('<p>no head', 'https://x.example/'), []);
});

test('site name', () => {
  const table = [
    { input: '<meta property="og:site_name" content="RTHK"><title>Home - Radio Television Hong Kong</title>', want: 'RTHK' },
    { input: '<title>World news | The Daily Example</title>', want: 'World news' },
    { input: '<title>Example Times</title>', want: 'Example Times' },
    { input: '<p>nothing</p>', want: null },
  ];
  for (const c of table) assert.equal(siteNameFromHtml(c.input), c.want, c.input);
});

test('article links on a section page', () => {
  const html = `<html><body>
    <nav><a href="/2025/07/19/menu-link-that-looks-like-an-article-with-long-text">Menu link that looks like an article with long text</a></nav>
    <main>
      <a href="/2025/07/19/syrian-forces-deploy-in-sweida">Syrian forces deploy in Sweida as ceasefire begins</a>
      <a href="/news/world/sectarian-clashes-continue-in-syrias-sweida-region">Sectarian clashes continue in Syria's Sweida region</a>
      <a href="/news/world/sectarian-clashes-continue-in-syrias-sweida-region#comments">Sectarian clashes continue in Syria's Sweida region (comments)</a>
      <a href="/story/1812345">Trump says he will help Afghans stuck in the UAE</a>
      <a href="/news/1812346">Short</a>
      <a href="/tag/syria-conflict-news-and-analysis">Syria conflict news and analysis, all of it</a>
      <a href="/category/world">World news from every region of the globe</a>
      <a href="https://other.example/2025/07/19/elsewhere-story-with-a-long-slug">A story on another site with a long headline</a>
      <a href="https://video.news.example/2025/07/20/a-video-report-from-the-region">A video report from the region, on a subdomain</a>
      <a href="/about-us-and-our-history-of-journalism">About us and our long history of journalism</a>
    </main>
    <footer><a href="/2025/07/01/footer-story-link-with-long-title">Footer story link with a long title here</a></footer>
  </body></html>`;
  const links = articleLinksFromPage(html, 'https://news.example/world');
  assert.deepEqual(links.map((l) => l.url), [
    'https://news.example/2025/07/19/syrian-forces-deploy-in-sweida',
    'https://news.example/news/world/sectarian-clashes-continue-in-syrias-sweida-region',
    'https://news.example/story/1812345',
    'https://video.news.example/2025/07/20/a-video-report-from-the-region',
  ]);
});
