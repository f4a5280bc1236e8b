/**
 * SIGKILL of a web process while readers post comments (issue 8). A real `tidings serve
 * --workers 0` child process takes comments through the JSON API (POST
 * /api/v1/articles/:id/comments with a personal API token) from several readers at once,
 * each on its own loopback address (so the per-address rate limit is per reader, as on
 * the internet); the test kills the process with SIGKILL mid-stream, starts it again on the
 * same port, and checks:
 *
 * - every comment that was answered 2xx is stored exactly once, under the id it was given,
 *   and listed by the restarted process;
 * - a comment whose request got no answer is stored at most once (it may or may not have
 *   committed before the kill), and nothing else was stored;
 * - the article's comment counter equals its visible comments (the count and the row are
 *   written in one transaction);
 * - the restarted process takes comments again.
 */
import assert from 'node:assert/strict';
import { Agent, request } from 'undici';
import { forEachDatabase, databaseUrl } from '../support/db.ts';
// @ts-ignore plain JS module
import { freePort } from '../support/pg-server.mjs';
import { openStore, migrateToLatest, type Store } from '../../src/store/db.ts';
import { addSource } from '../../src/store/sources.ts';
import { insertFeedArticles } from '../../src/store/articles.ts';
import { createUser, createApiToken } from '../../src/store/users.ts';
import { Children, startChild, childEnv, waitFor, sleep, type Child } from './harness.ts';
import { prng } from './news-sites.ts';

const READERS = 6;
/** Each reader posts at most this many before the kill, and one after: within the per-account limit of 10. */
const PER_READER = 8;

type Outcome = { reader: number; body: string; status: number | 'no answer'; id?: number };

async function post(port: number, agent: Agent, token: string, articleId: number, body: string): Promise<{ status: number; id?: number }> {
  const res = await request(`http://127.0.0.1:${port}/api/v1/articles/${articleId}/comments`, {
    method: 'POST',
    dispatcher: agent,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ body }),
    headersTimeout: 15_000,
    bodyTimeout: 15_000,
  });
  const json = (await res.body.json().catch(() => null)) as { id?: number } | null;
  return { status: res.statusCode, id: json?.id };
}

async function startServe(children: Children, url: string, port: number): Promise<Child> {
  const child = children.add(startChild(`web${children.all.length + 1}`, ['serve', '--workers', '0', '--port', String(port), '--host', '127.0.0.1'], childEnv(url)));
  await waitFor(
    `serve on port ${port} to be ready`,
    async () => {
      if (!child.isAlive()) throw new Error(`serve exited: ${child.output().slice(-2000)}`);
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      return res.status === 200;
    },
    60_000,
    200,
  ).catch((err) => {
    throw new Error(`${(err as Error).message}\n${child.output().slice(-3000)}`);
  });
  return child;
}

async function seedArticleAndReaders(store: Store): Promise<{ articleId: number; tokens: string[] }> {
  const now = Date.now();
  const { source } = await addSource(store, { name: 'The Faults Gazette', feedUrl: 'https://gazette.example/feed.xml' });
  const [articleId] = await insertFeedArticles(store, source.id, [
    { guid: 'g1', url: 'https://gazette.example/news/harbour', canonicalUrl: 'https://gazette.example/news/harbour', title: 'Harbour works start', byline: null, publishedAt: now, feedUpdatedAt: null, excerpt: 'Works start.', feedHtml: '<p>Works start.</p>' },
  ]);
  const tokens: string[] = [];
  for (let i = 0; i < READERS; i++) {
    const r = await createUser(store, { email: `reader${i}@example.org`, name: `Reader ${i}`, password: `correct horse battery ${i}` });
    assert.equal(r.kind, 'ok');
    if (r.kind === 'ok') tokens.push((await createApiToken(store, r.user.id, 'faults')).token);
  }
  return { articleId: articleId!, tokens };
}

forEachDatabase(`comments from ${READERS} readers while the web process is SIGKILLed`, async (t, kind) => {
  const seed = Number(process.env.TIDINGS_FAULTS_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const rand = prng(seed);
  const url = await databaseUrl(kind);
  const store = openStore(url, { poolSize: 2, onPoolError: () => undefined });
  const children = new Children();
  // Each reader connects from its own loopback address.
  const agents = Array.from({ length: READERS }, (_, i) => new Agent({ connect: { localAddress: `127.0.0.${10 + i}` }, keepAliveTimeout: 1000 }));
  t.after(async () => {
    await children.killAll();
    await Promise.all(agents.map((a) => a.destroy()));
    await store.close();
  });
  await migrateToLatest(store);
  const { articleId, tokens } = await seedArticleAndReaders(store);
  const port = await freePort();
  const first = await startServe(children, url, port);

  // Kill once a random number of comments (8 to 20) has been accepted.
  const killAfter = 8 + Math.floor(rand() * 13);
  const outcomes: Outcome[] = [];
  let accepted = 0;
  let killed: Promise<void> | null = null;
  await Promise.all(
    tokens.map(async (token, reader) => {
      for (let n = 0; n < PER_READER; n++) {
        const body = `fault test: reader ${reader}, comment ${n}, seed ${seed}`;
        try {
          const r = await post(port, agents[reader]!, token, articleId, body);
          outcomes.push({ reader, body, status: r.status, id: r.id });
          if (r.status >= 200 && r.status < 300 && ++accepted === killAfter) killed = children.kill(first, 'SIGKILL');
        } catch {
          outcomes.push({ reader, body, status: 'no answer' });
          return; // the process is gone: this reader stops
        }
        await sleep(rand() * 30);
      }
    }),
  );
  assert.ok(killed, `the process was killed mid-stream (after ${killAfter} accepted comments; ${accepted} accepted in all)`);
  await killed;

  const second = await startServe(children, url, port);
  const after: Outcome[] = [];
  for (let reader = 0; reader < READERS; reader++) {
    const body = `fault test: reader ${reader}, after the restart, seed ${seed}`;
    const r = await post(port, agents[reader]!, tokens[reader]!, articleId, body);
    after.push({ reader, body, status: r.status, id: r.id });
  }

  const ok = outcomes.filter((o) => typeof o.status === 'number' && o.status >= 200 && o.status < 300);
  const unanswered = outcomes.filter((o) => o.status === 'no answer');
  const other = outcomes.filter((o) => typeof o.status === 'number' && (o.status < 200 || o.status >= 300));
  t.diagnostic(`seed ${seed}: killed after ${killAfter} accepted; before the kill ${ok.length} answered 2xx, ${unanswered.length} without answer, ${other.length} other (${other.map((o) => o.status).join(', ')})`);
  const rows = await store.db.selectFrom('comments').select(['id', 'body', 'status']).where('article_id', '=', articleId).execute();
  const byBody = new Map<string, number[]>();
  for (const r of rows) (byBody.get(r.body) ?? byBody.set(r.body, []).get(r.body)!).push(Number(r.id));
  t.diagnostic(`of the ${unanswered.length} requests without answer, ${unanswered.filter((o) => byBody.has(o.body)).length} had committed before the kill`);

  await t.test(`each of the ${ok.length} comments answered 2xx before the kill is stored exactly once, under its id`, () => {
    assert.ok(ok.length >= killAfter, `${ok.length} >= ${killAfter}`);
    for (const o of ok) assert.deepEqual(byBody.get(o.body), [o.id], `${o.body}: stored once as ${o.id}`);
  });

  await t.test(`the requests cut by the kill (${unanswered.length}) left each comment at most once, and nothing else was stored`, () => {
    for (const o of unanswered) assert.ok((byBody.get(o.body)?.length ?? 0) <= 1, `${o.body}: at most once`);
    const known = new Set([...outcomes, ...after].map((o) => o.body));
    assert.deepEqual(rows.filter((r) => !known.has(r.body)), [], 'no comment nobody posted');
    assert.ok(unanswered.length >= 1, 'the kill cut the stream: some request went unanswered');
  });

  await t.test(`the restarted process takes comments again (${READERS} of ${READERS} answered 201) and lists every accepted one`, async () => {
    assert.deepEqual(
      after.map((o) => o.status),
      after.map(() => 201),
      second.output().slice(-2000),
    );
    for (const o of after) assert.deepEqual(byBody.get(o.body), [o.id]);
    const listed = new Set<number>();
    let cursor: string | null = null;
    do {
      const res: Response = await fetch(`http://127.0.0.1:${port}/api/v1/articles/${articleId}/comments?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.status, 200);
      const page = (await res.json()) as { items: { id: number }[]; nextCursor: string | null };
      for (const c of page.items) listed.add(c.id);
      cursor = page.nextCursor;
    } while (cursor);
    for (const o of [...ok, ...after]) assert.ok(listed.has(o.id!), `comment ${o.id} is listed`);
  });

  await t.test('the article comment counter equals its visible comments', async () => {
    const a = await store.db.selectFrom('articles').select('comment_count').where('id', '=', articleId).executeTakeFirstOrThrow();
    const visible = rows.filter((r) => r.status === 'visible').length;
    assert.equal(Number(a.comment_count), visible, `comment_count ${a.comment_count} = ${visible} visible comments`);
  });
});
