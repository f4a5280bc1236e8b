/**
 * Comments through the routes: escaping and links, the honeypot, threaded replies, edit
 * and delete of one's own only, reports, moderator hide/restore/ban, counts on cards.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../support/db.ts';
import { emptySite, addArticle, Client, userWithRole } from './support.ts';

forEachDatabase('comments', async (t, kind) => {
  const { store, app } = await emptySite(kind);
  const articleId = await addArticle(store, { title: 'Sweida ceasefire holds', text: 'The ceasefire held on Sunday. Residents returned.' });
  await userWithRole(store, 'admin@example.com', 'admin');
  await userWithRole(store, 'mod@example.com', 'moderator');
  const alice = new Client(app);
  await alice.signUp('alice@example.com', 'Alice');
  const bob = new Client(app);
  await bob.signUp('bob@example.com', 'Bob');
  const count = async () => Number((await store.db.selectFrom('articles').select('comment_count').where('id', '=', articleId).executeTakeFirstOrThrow()).comment_count);
  const comments = () => store.db.selectFrom('comments').selectAll().orderBy('id').execute();

  await t.test('comment text is escaped and links are made safe', async () => {
    await alice.get(`/articles/${articleId}`);
    const r = await alice.post(`/articles/${articleId}/comments`, { body: '<script>window.__pwned=1</script> <img src=x onerror=alert(1)> see https://example.org/a?b=1&c=2. and javascript:alert(1)' });
    assert.equal(r.res.status, 303);
    const { text } = await alice.get(`/articles/${articleId}`);
    assert.ok(!text.includes('<script>window.__pwned'), 'no raw script');
    assert.ok(!text.includes('<img src=x'), 'no raw img');
    assert.match(text, /&lt;script&gt;window.__pwned=1&lt;\/script&gt;/);
    assert.match(text, /<a href="https:\/\/example.org\/a\?b=1&amp;c=2" rel="nofollow ugc noopener noreferrer">/);
    assert.ok(!/href="javascript:/i.test(text));
    assert.equal(await count(), 1);
  });

  await t.test('the honeypot drops bot comments silently', async () => {
    const r = await alice.post(`/articles/${articleId}/comments`, { body: 'Buy now!', website: 'https://spam.example' });
    assert.equal(r.res.status, 303);
    assert.equal((await comments()).length, 1);
  });

  await t.test('length limit and empty comments', async () => {
    assert.equal((await alice.post(`/articles/${articleId}/comments`, { body: 'x'.repeat(5001) })).res.status, 400);
    assert.equal((await alice.post(`/articles/${articleId}/comments`, { body: '   ' })).res.status, 400);
    assert.equal((await comments()).length, 1);
  });

  await t.test('replies thread under their parent', async () => {
    const parent = (await comments())[0]!;
    await bob.get(`/articles/${articleId}`);
    const r = await bob.post(`/articles/${articleId}/comments`, { body: 'A reply from Bob', parentId: String(parent.id) });
    assert.equal(r.res.status, 303);
    const reply = (await comments())[1]!;
    assert.equal(Number(reply.parent_id), Number(parent.id));
    const { text } = await bob.get(`/articles/${articleId}`);
    assert.match(text, new RegExp(`id="c-${parent.id}"[\\s\\S]*<ol><li class="comment" id="c-${reply.id}"`));
    assert.equal(await count(), 2);
  });

  await t.test('only the author edits or deletes', async () => {
    const [first, reply] = await comments();
    const byBob = await bob.post(`/comments/${first!.id}/edit`, { body: 'Bob was here' });
    assert.equal(byBob.res.status, 403);
    const delByBob = await bob.post(`/comments/${first!.id}/delete`, {});
    assert.equal(delByBob.res.status, 403);
    const edit = await alice.post(`/comments/${first!.id}/edit`, { body: 'Edited by Alice' });
    assert.equal(edit.res.status, 303);
    const row = (await comments())[0]!;
    assert.equal(row.body, 'Edited by Alice');
    assert.ok(row.edited_at);
    const del = await bob.post(`/comments/${reply!.id}/delete`, {});
    assert.equal(del.res.status, 303);
    assert.equal((await comments())[1]!.status, 'deleted');
    assert.equal(await count(), 1);
  });

  await t.test('reports, moderator hide and restore, readers cannot hide', async () => {
    const first = (await comments())[0]!;
    await bob.post(`/comments/${first.id}/report`, {});
    await bob.post(`/comments/${first.id}/report`, {});
    assert.equal(Number((await comments())[0]!.report_count), 1, 'one report per reader');
    assert.equal((await bob.post(`/comments/${first.id}/hide`, {})).res.status, 403);
    const mod = new Client(app);
    await mod.signIn('mod@example.com');
    const queue = await mod.get('/moderation');
    assert.match(queue.text, /Edited by Alice/);
    assert.equal((await mod.post(`/comments/${first.id}/hide`, {})).res.status, 303);
    assert.equal((await comments())[0]!.status, 'hidden');
    assert.equal(await count(), 0);
    const pub = await new Client(app).get(`/articles/${articleId}`);
    assert.ok(!pub.text.includes('Edited by Alice'), 'hidden from readers');
    const modView = await mod.get(`/articles/${articleId}`);
    assert.match(modView.text, /hidden by a moderator/);
    assert.equal((await mod.post(`/comments/${first.id}/restore`, {})).res.status, 303);
    assert.equal((await comments())[0]!.status, 'visible');
    assert.equal(await count(), 1);
  });

  await t.test('a moderator bans; a banned reader can no longer comment', async () => {
    const mod = new Client(app);
    await mod.signIn('mod@example.com');
    const bobId = Number((await store.db.selectFrom('users').select('id').where('email', '=', 'bob@example.com').executeTakeFirstOrThrow()).id);
    const adminId = Number((await store.db.selectFrom('users').select('id').where('email', '=', 'admin@example.com').executeTakeFirstOrThrow()).id);
    assert.equal((await mod.post(`/users/${adminId}/ban`, {})).res.status, 403, 'moderators cannot ban admins');
    assert.equal((await mod.post(`/users/${bobId}/ban`, {})).res.status, 303);
    const r = await bob.post(`/articles/${articleId}/comments`, { body: 'still here?' });
    assert.ok(r.res.status === 403 || r.res.status === 303);
    assert.equal((await comments()).filter((c) => c.body === 'still here?').length, 0);
  });

  await t.test('the comment count shows on article cards', async () => {
    const { text } = await new Client(app).get('/');
    assert.match(text, /1 comment</);
  });
});
