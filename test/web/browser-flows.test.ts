/**
 * Reader and staff flows in real Chromium: sign up, comment, reply, edit, delete; a
 * moderator hides a comment; search with filters; the outlet admin adds, pauses and
 * queues a fetch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium, startServer } from './browser.ts';
import { emptySite, addArticle, userWithRole, type Site } from './support.ts';
import { SEED_NOW } from './support.ts';

const skip = chromiumMissing();

test('reader and staff flows in Chromium', { skip: skip ?? undefined }, async (t) => {
  const site: Site = await emptySite('sqlite');
  const articleId = await addArticle(site.store, { outlet: 'RTHK', title: 'Syrian forces deploy in Sweida as ceasefire begins', text: 'Syria\'s government said its security forces began deploying in Sweida on Saturday.\nThe presidency announced a ceasefire.', hoursAgo: 30 });
  const other = await addArticle(site.store, { outlet: 'Reuters', title: 'Ceasefire talks resume in Doha', text: 'Negotiators met in Doha to discuss a ceasefire.', hoursAgo: 5 });
  await site.store.db.insertInto('article_hashtags').values({ article_id: other, tag: 'Doha', tag_key: 'doha', published_at: SEED_NOW - 5 * 3600_000 }).execute();
  await userWithRole(site.store, 'admin@example.com', 'admin');
  await userWithRole(site.store, 'mod@example.com', 'moderator');
  const server = await startServer(site.app);
  const browser: Browser = await launchChromium();
  const signIn = async (page: Page, email: string) => {
    await page.goto(`${server.url}/signin`);
    await page.fill('#si-email', email);
    await page.fill('#si-password', 'correct horse battery');
    await Promise.all([page.waitForURL(`${server.url}/`), page.click('form[action="/signin"] button')]);
  };
  try {
    await t.test('sign up, comment, reply, edit, delete', async () => {
      const page = await browser.newPage();
      await page.goto(`${server.url}/signup`);
      await page.fill('#su-email', 'reader@example.com');
      await page.fill('#su-name', 'Reader One');
      await page.fill('#su-password', 'correct horse battery');
      await Promise.all([page.waitForURL(`${server.url}/`), page.click('form[action="/signup"] button')]);
      assert.match((await page.locator('.account').textContent())!, /Reader One/);

      await page.goto(`${server.url}/articles/${articleId}`);
      await page.fill('#comment-body-new', 'First thoughts on the ceasefire. More at https://example.org/ceasefire');
      await Promise.all([page.waitForLoadState('load'), page.click('.comment-form button')]);
      const first = page.locator('.comments li.comment').first();
      assert.match((await first.locator('.text').textContent())!, /First thoughts/);
      assert.equal(await first.locator('.text a').getAttribute('rel'), 'nofollow ugc noopener noreferrer');

      await first.locator(':scope > .tools summary', { hasText: 'Reply' }).click();
      await first.locator('textarea[name="body"]').first().fill('Replying to myself with more detail.');
      await Promise.all([page.waitForLoadState('load'), first.locator('form.comment-form button').click()]);
      assert.equal(await page.locator('.comments li.comment li.comment .text').textContent(), 'Replying to myself with more detail.');

      const reply = page.locator('.comments li.comment li.comment').first();
      await reply.locator(':scope > .tools summary', { hasText: 'Edit' }).click();
      await reply.locator('textarea[id^="edit-"]').fill('An edited reply.');
      await Promise.all([page.waitForLoadState('load'), reply.locator('form[action$="/edit"] button').click()]);
      assert.equal(await page.locator('.comments li.comment li.comment .text').textContent(), 'An edited reply.');
      assert.match((await page.locator('.comments li.comment li.comment .head').textContent())!, /edited/);

      await Promise.all([page.waitForLoadState('load'), page.locator('.comments li.comment li.comment form[action$="/delete"] button').click()]);
      assert.equal(await page.locator('.comments li.comment li.comment').count(), 0);
      assert.match((await page.locator('#comments-title').textContent())!, /\(1\)/);
      await page.close();
    });

    await t.test('a moderator hides a comment', async () => {
      const page = await browser.newPage();
      await signIn(page, 'mod@example.com');
      await page.goto(`${server.url}/articles/${articleId}`);
      const first = page.locator('.comments li.comment').first();
      await Promise.all([page.waitForLoadState('load'), first.locator(':scope > .tools form[action$="/hide"] button').click()]);
      assert.match((await page.locator('.comments li.comment').first().textContent())!, /hidden by a moderator/);
      const anon = await browser.newPage();
      await anon.goto(`${server.url}/articles/${articleId}`);
      assert.equal(await anon.locator('.comments li.comment').count(), 0, 'readers no longer see it');
      await page.goto(`${server.url}/moderation?view=hidden`);
      assert.match((await page.locator('main').textContent())!, /First thoughts/);
      await anon.close();
      await page.close();
    });

    await t.test('search with filters', async () => {
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.keyboard.press('/');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'site-q', '"/" focuses the search box');
      await page.keyboard.type('ceasefire');
      await Promise.all([page.waitForURL(/\/search\?q=ceasefire/), page.keyboard.press('Enter')]);
      assert.equal(await page.locator('.results .card').count(), 2);
      assert.ok((await page.locator('.results mark').count()) >= 2);
      await page.selectOption('#s-outlet', { label: 'RTHK' });
      await Promise.all([page.waitForLoadState('load'), page.click('.search-form button')]);
      assert.equal(await page.locator('.results .card').count(), 1);
      assert.match((await page.locator('.results .card').textContent())!, /Sweida/);
      await page.selectOption('#s-outlet', '');
      await page.fill('#s-tag', 'doha');
      await Promise.all([page.waitForLoadState('load'), page.click('.search-form button')]);
      assert.equal(await page.locator('.results .card').count(), 1);
      assert.match((await page.locator('.results .card').textContent())!, /Doha/);
      await page.fill('#s-tag', '');
      await page.fill('#s-q', '"security forces" -doha');
      await Promise.all([page.waitForLoadState('load'), page.click('.search-form button')]);
      assert.equal(await page.locator('.results .card').count(), 1);
      // j/k move through results.
      await page.locator('body').click();
      await page.keyboard.press('j');
      assert.equal(await page.locator('.results .card.is-current').count(), 1);
      await page.close();
    });

    await t.test('the outlet admin adds, pauses and fetches an outlet', async () => {
      const page = await browser.newPage();
      await signIn(page, 'admin@example.com');
      await page.goto(`${server.url}/admin`);
      await page.fill('#o-url', 'https://feeds.example.org/world.xml');
      await page.fill('#o-name', 'Example World');
      await Promise.all([page.waitForLoadState('load'), page.click('form[action="/admin/outlets"] button')]);
      assert.match((await page.locator('.notice').textContent())!, /Added Example World/);
      const row = page.locator('tr', { hasText: 'Example World' });
      assert.match((await row.textContent())!, /active/);
      const jobs = await site.store.db.selectFrom('jobs').select(['kind', 'payload']).where('kind', '=', 'poll-source').execute();
      assert.equal(jobs.length, 1, 'a poll-source job is queued');
      await Promise.all([page.waitForLoadState('load'), row.locator('form[action$="/pause"] button').click()]);
      assert.match((await page.locator('tr', { hasText: 'Example World' }).textContent())!, /paused/);
      await Promise.all([page.waitForLoadState('load'), page.locator('tr', { hasText: 'RTHK' }).locator('form[action$="/fetch"] button').click()]);
      assert.match((await page.locator('.notice').textContent())!, /fetch of RTHK is queued/);
      const bad = await page.evaluate(async () => {
        const fd = new URLSearchParams({ url: 'javascript:alert(1)', _csrf: (document.querySelector('input[name=_csrf]') as HTMLInputElement).value });
        return (await fetch('/admin/outlets', { method: 'POST', body: fd })).status;
      });
      assert.equal(bad, 400);
      await page.goto(`${server.url}/admin/jobs`);
      assert.match((await page.locator('.job-counts').textContent())!, /queued/);
      await page.close();
    });
  } finally {
    await browser.close();
    await server.close();
  }
});
