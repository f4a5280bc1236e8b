/**
 * The article page in real Chromium: every block of the seed page, citation links that
 * highlight their sentence, the Ask box answering without a reload, screenshots at
 * desktop and phone widths (docs/screenshots/), and hostile article HTML and comments
 * that must not run anything (a payload would set window.__pwned) while the legitimate
 * text stays.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium, startServer } from './browser.ts';
import { seededSite, addArticle, Client, type Site } from './support.ts';
import { createComment } from '../../src/store/comments.ts';
import { createUser } from '../../src/store/users.ts';

const skip = chromiumMissing();
const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

let site: Site;
let server: { url: string; close(): Promise<void> };
let browser: Browser;

test('article page in Chromium', { skip: skip ?? undefined }, async (t) => {
  site = await seededSite('sqlite');
  server = await startServer(site.app);
  browser = await launchChromium();
  try {
    for (const [name, fn] of cases) await t.test(name, fn);
  } finally {
    await browser.close();
    await server.close();
  }
});

const cases: [string, () => Promise<void>][] = [];
function browserTest(name: string, fn: () => Promise<void>) {
  cases.push([name, fn]);
}

async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport, colorScheme: 'light' });
  page.on('dialog', (d) => {
    (page as any).__dialogs = ((page as any).__dialogs ?? 0) + 1;
    void d.dismiss();
  });
  await page.goto(server.url + path, { waitUntil: 'load' });
  return page;
}

browserTest('article page shows every block of the seed page', async () => {
  const page = await open(`/articles/${site.ids['taliban-column']}`);
  assert.equal(await page.locator('h1').textContent(), "Russia's formal recognition a shot in the arm for the Taliban");
  assert.equal(await page.locator('.article .outlet').textContent(), 'Chintan Research Foundation');
  assert.match((await page.locator('.byline').textContent())!, /Indrani Talukdar/);
  const time = page.locator('.byline time');
  assert.match((await time.textContent())!, /^30 hours ago$|^1 day ago$/);
  assert.ok(await time.getAttribute('datetime'));
  assert.match((await time.getAttribute('title'))!, /UTC$/);
  const img = page.locator('.lead-image img');
  assert.equal(await img.getAttribute('loading'), 'lazy');
  assert.equal(await img.getAttribute('referrerpolicy'), 'no-referrer');
  assert.match((await page.locator('.article-body').textContent())!, /Chintan Research Foundation \(CRF\), New Delhi/);
  assert.ok((await page.locator('.hashtags .chip').count()) >= 3, 'hashtags');
  assert.equal(await page.locator('.hashtags .chip').first().evaluate((a) => (a as HTMLAnchorElement).pathname.startsWith('/hashtags/')), true);
  assert.equal(await page.locator('#ai-title').textContent(), 'What Tidings AI can do for you');
  assert.ok((await page.locator('.ai-panel .summary li').count()) >= 3, 'summary');
  assert.ok((await page.locator('.ai-panel .entities a.chip').count()) >= 3, 'entities');
  assert.equal(await page.locator('.ai-panel .entities a.chip').first().evaluate((a) => (a as HTMLAnchorElement).pathname.startsWith('/entities/')), true);
  assert.ok((await page.locator('.ai-panel .timeline li').count()) >= 2, 'timeline');
  assert.equal(await page.locator('#comments-title').textContent(), 'Comments');
  assert.match((await page.locator('#comments').textContent())!, /No comments yet/);
  const related = page.locator('.related .card');
  assert.ok((await related.count()) >= 1, 'related articles');
  const first = await related.first().textContent();
  assert.match(first!, /South China Morning Post/);
  assert.match(first!, /18 hours ago/);
  assert.match(first!, /Trump says he will help Afghans/);
  // The entity link leads to a working entity page.
  await page.locator('.ai-panel .entities a.chip').first().click();
  await page.waitForLoadState('load');
  assert.ok((await page.locator('.card').count()) >= 1);
  await page.close();
});

browserTest('citation links highlight their sentence', async () => {
  const page = await open(`/articles/${site.ids['taliban-column']}`);
  const link = page.locator('.ai-panel .summary a').nth(2);
  const href = (await link.getAttribute('href'))!;
  const n = /#s-(\d+)/.exec(href)![1]!;
  await link.click();
  await page.waitForFunction((id) => location.hash === `#s-${id}`, n);
  const target = page.locator(`#s-${n}`);
  assert.equal(await target.evaluate((el) => el.matches(':target')), true);
  assert.equal(await target.evaluate((el) => el.classList.contains('is-cited')), true);
  const bg = await target.evaluate((el) => getComputedStyle(el).backgroundColor);
  const plain = await page.locator('.article-body p').first().evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(bg, plain, 'the cited sentence is highlighted');
  const cited = await page.locator('.ai-panel .summary a').nth(2).textContent();
  assert.equal((await target.textContent())!.replace(/\s+/g, ' ').trim().slice(0, 30), cited!.replace(/\s+/g, ' ').trim().slice(0, 30));
  assert.ok(await target.isVisible());
  await page.close();
});

browserTest('the Ask box answers without reloading, with cited sentences', async () => {
  const page = await open(`/articles/${site.ids['taliban-column']}`);
  await page.evaluate(() => ((window as any).__sameDocument = true));
  await page.fill('#ask-q', 'When did the Supreme Court of the Russian Federation annul the classification?');
  await page.click('.ask button');
  await page.waitForSelector('#answer .answer-text');
  assert.equal(await page.evaluate(() => (window as any).__sameDocument), true, 'no page reload');
  const answer = await page.locator('#answer .answer-text').textContent();
  assert.match(answer!, /April 17, 2025|Supreme Court/);
  const cite = page.locator('#answer .answer-citations a').first();
  const href = await cite.getAttribute('href');
  assert.match(href!, /^#s-\d+$/);
  await cite.click();
  assert.equal(await page.locator(href!).evaluate((el) => el.classList.contains('is-cited')), true);
  await page.close();
});

browserTest('screenshots of the article page at desktop and phone widths', async () => {
  mkdirSync(SHOTS, { recursive: true });
  // A comment so the Comments block shows a thread in the screenshot.
  const u = await createUser(site.store, { email: 'reader@example.com', name: 'Mira', password: 'correct horse battery' });
  if (u.kind === 'ok') await createComment(site.store, { articleId: site.ids['taliban-column']!, userId: u.user.id, parentId: null, body: 'Useful background on the Moscow Format. Sources: https://example.org/moscow-format' });
  const desk = await open(`/articles/${site.ids['taliban-column']}`, { width: 1280, height: 1000 });
  await desk.screenshot({ path: join(SHOTS, 'article-desktop.png') });
  await desk.locator('.ai-panel .summary a').first().click();
  await desk.locator('.related').scrollIntoViewIfNeeded();
  await desk.screenshot({ path: join(SHOTS, 'article-desktop-related.png') });
  await desk.close();
  const phone = await open(`/articles/${site.ids['taliban-column']}`, { width: 390, height: 844 });
  await phone.screenshot({ path: join(SHOTS, 'article-phone.png') });
  await phone.locator('.ai-panel').scrollIntoViewIfNeeded();
  await phone.locator('.ai-panel').screenshot({ path: join(SHOTS, 'article-phone-ai-panel.png') });
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
  await phone.close();
  const home = await open('/', { width: 1280, height: 900 });
  await home.screenshot({ path: join(SHOTS, 'home-desktop.png') });
  await home.close();
  const dark = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  await dark.goto(`${server.url}/articles/${site.ids['rthk-2']}`);
  await dark.screenshot({ path: join(SHOTS, 'article-phone-dark.png') });
  await dark.close();
});

browserTest('hostile article HTML and comments run nothing and keep their text', async () => {
  const payload = 'window.__pwned=1';
  const html = [
    '<p>Legitimate opening paragraph about the harbour.</p>',
    `<script>${payload}</script>`,
    `<img src="x" onerror="${payload}">`,
    `<p onclick="${payload}" onmouseover="${payload}">Second legitimate paragraph.</p>`,
    `<a id="js-link" href="javascript:${payload}">a javascript link</a>`,
    `<a href="JaVaScRiPt&colon;${payload}">entity-encoded scheme</a>`,
    `<a href="data:text/html,<script>${payload}</script>">a data link</a>`,
    `<iframe src="data:text/html,<script>parent.${payload}</script>"></iframe>`,
    `<iframe srcdoc="<script>parent.${payload}</script>"></iframe>`,
    `<svg onload="${payload}"><script>${payload}</script><a xlink:href="javascript:${payload}"><text>svg text</text></a></svg>`,
    `<img src="data:image/svg+xml;base64,${Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="${payload}"/>`).toString('base64')}">`,
    `<object data="data:text/html,<script>${payload}</script>"></object><embed src="javascript:${payload}">`,
    '<style>body{display:none} .article-body{visibility:hidden}</style>',
    `<div style="background:url(javascript:${payload});position:fixed;top:0;left:0;width:100%;height:100%">overlay</div>`,
    `<form action="javascript:${payload}"><button id="evil-button">Press</button></form>`,
    `<meta http-equiv="refresh" content="0;url=javascript:${payload}">`,
    `<math><mtext><table><mglyph><style><img src=x onerror="${payload}"></style></mglyph></table></mtext></math>`,
    `<noscript><p title="</noscript><img src=x onerror=${payload}>"></p></noscript>`,
    `<details open ontoggle="${payload}"><summary>details</summary></details>`,
    `<video><source onerror="${payload}"></video><audio src=x onerror="${payload}"></audio>`,
    `<base href="javascript:${payload}//">`,
    '<p>Closing legitimate paragraph with the harbour master’s words.</p>',
  ].join('\n');
  const id = await addArticle(site.store, { outlet: 'Hostile Outlet', title: 'Harbour <script>window.__pwned=1</script> reopens', text: 'Legitimate opening paragraph about the harbour. Second legitimate paragraph. Closing legitimate paragraph with the harbour master’s words.', html });
  const u = await createUser(site.store, { email: 'evil@example.com', name: '<img src=x onerror=window.__pwned=1>', password: 'correct horse battery' });
  assert.equal(u.kind, 'ok');
  if (u.kind !== 'ok') return;
  for (const body of [`<script>${payload}</script>`, `<img src=x onerror="${payload}">`, `javascript:${payload}`, `[x](javascript:${payload}) https://ok.example/path?a=<script>`, `<svg/onload=${payload}>`, `" onmouseover="${payload}" x="`]) {
    await createComment(site.store, { articleId: id, userId: u.user.id, parentId: null, body });
  }
  const page = await open(`/articles/${id}`);
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  await page.waitForTimeout(300);
  // Interact: hover and click everything a payload could hang on.
  for (const sel of ['.article-body p', '.article-body a', '.comments .text', '#evil-button', 'details summary']) {
    const els = page.locator(sel);
    for (let i = 0; i < Math.min(await els.count(), 8); i++) {
      await els.nth(i).hover({ timeout: 1000 }).catch(() => {});
      await els.nth(i).click({ timeout: 1000, noWaitAfter: true, modifiers: [] }).catch(() => {});
    }
  }
  await page.waitForTimeout(300);
  if (!page.url().includes(`/articles/${id}`)) await page.goto(`${server.url}/articles/${id}`);
  assert.equal(await page.evaluate(() => (window as any).__pwned), undefined, 'no payload ran');
  assert.equal((page as any).__dialogs ?? 0, 0, 'no dialog opened');
  const text = (await page.locator('.article-body').textContent())!;
  assert.match(text, /Legitimate opening paragraph about the harbour/);
  assert.match(text, /Second legitimate paragraph/);
  assert.match(text, /Closing legitimate paragraph/);
  assert.equal(await page.locator('.article-body').isVisible(), true, 'CSS tricks did not hide the body');
  assert.equal(await page.locator('.article-body script, .article-body style, .article-body svg, .article-body object, .article-body embed, .article-body form, .article-body meta, .article-body base').count(), 0);
  assert.equal(await page.locator('.article-body [onerror], .article-body [onclick], .article-body [style], .article-body [srcdoc]').count(), 0);
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  assert.ok(hrefs.every((h) => !/^\s*(javascript|data|vbscript):/i.test(h)), hrefs.join(' '));
  assert.equal(await page.locator('h1').textContent(), 'Harbour <script>window.__pwned=1</script> reopens', 'the title is shown as text');
  const comments = await page.locator('.comments .text').allTextContents();
  assert.ok(comments.some((c) => c.includes(`<script>${payload}</script>`)), 'comment text shown as typed');
  assert.equal(await page.locator('.comments img, .comments svg, .comments script').count(), 0);
  await page.close();
});
