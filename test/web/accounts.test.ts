/**
 * Accounts through the routes: sign-up (first account admin), password hashing, sessions
 * stored as hashes, CSRF on every form, sign-in rate limit, password change, sign-out.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../support/db.ts';
import { emptySite, Client } from './support.ts';
import { hashPassword, verifyPassword, sha256 } from '../../src/store/users.ts';
import { RATE_LIMITS } from '../../src/web/session.ts';

forEachDatabase('accounts', async (t, kind) => {
  const { store, app } = await emptySite(kind);

  await t.test('passwords are salted scrypt hashes', async () => {
    const h1 = await hashPassword('correct horse battery');
    const h2 = await hashPassword('correct horse battery');
    assert.match(h1, /^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    assert.notEqual(h1, h2, 'a fresh salt each time');
    assert.equal(await verifyPassword('correct horse battery', h1), true);
    assert.equal(await verifyPassword('correct horse batterz', h1), false);
    assert.equal(await verifyPassword('x', 'garbage'), false);
  });

  await t.test('sign-up: first account is admin, later ones readers; nothing stored in the clear', async () => {
    const alice = new Client(app);
    const res = await alice.signUp('Alice@Example.com', 'Alice');
    assert.equal(res.status, 303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tid_session='))!;
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    const token = alice.cookies.get('tid_session')!;
    const users = await store.db.selectFrom('users').selectAll().execute();
    assert.equal(users.length, 1);
    assert.equal(users[0]!.email, 'alice@example.com');
    assert.equal(users[0]!.role, 'admin');
    assert.ok(!users[0]!.password_hash.includes('correct horse'));
    const sessions = await store.db.selectFrom('sessions').selectAll().execute();
    assert.equal(sessions[0]!.id, sha256(token), 'the session row holds the hash of the cookie token');
    const bob = new Client(app);
    await bob.signUp('bob@example.com', 'Bob');
    const b = await store.db.selectFrom('users').select('role').where('email', '=', 'bob@example.com').executeTakeFirstOrThrow();
    assert.equal(b.role, 'reader');
    const { text } = await bob.get('/account');
    assert.match(text, /role: <strong>reader<\/strong>/);
    const dup = new Client(app);
    await dup.get('/signup');
    const again = await dup.post('/signup', { email: 'bob@example.com', name: 'Bob 2', password: 'another long password' });
    assert.equal(again.res.status, 409);
    const short = await dup.post('/signup', { email: 'carol@example.com', name: 'Carol', password: 'short' });
    assert.equal(short.res.status, 400);
  });

  await t.test('CSRF: forms without the token (or with a wrong one) are rejected', async () => {
    const anon = new Client(app);
    await anon.get('/signin');
    const none = await anon.post('/signin', { email: 'alice@example.com', password: 'correct horse battery', _csrf: '' });
    assert.equal(none.res.status, 403);
    const wrong = await anon.post('/signin', { email: 'alice@example.com', password: 'correct horse battery', _csrf: 'x'.repeat(32) });
    assert.equal(wrong.res.status, 403);
    const fresh = new Client(app);
    const noCookie = await fresh.post('/signin', { email: 'alice@example.com', password: 'correct horse battery', _csrf: 'y'.repeat(32) });
    assert.equal(noCookie.res.status, 403, 'a token without its cookie is refused');
    const alice = new Client(app);
    await alice.signIn('alice@example.com');
    assert.ok(alice.cookies.has('tid_session'));
    const tokenBefore = alice.csrf;
    const out = await alice.post('/signout', { _csrf: '' });
    assert.equal(out.res.status, 403, 'signed-in forms need the session token');
    const ok = await alice.post('/signout', { _csrf: tokenBefore });
    assert.equal(ok.res.status, 303);
    assert.ok(!alice.cookies.has('tid_session'));
  });

  await t.test('wrong password, then the sign-in rate limit', async () => {
    const c = new Client(app);
    await c.get('/signin');
    const bad = await c.post('/signin', { email: 'alice@example.com', password: 'wrong password!' });
    assert.equal(bad.res.status, 401);
    let limited = 0;
    for (let i = 0; i < RATE_LIMITS.signinIp.limit + 2; i++) {
      const r = await c.post('/signin', { email: `nobody${i}@example.com`, password: 'wrong password!' });
      if (r.res.status === 429) {
        limited++;
        assert.ok(Number(r.res.headers.get('retry-after')) > 0);
      }
    }
    assert.ok(limited >= 1, 'sign-in attempts beyond the limit get 429');
    const right = await c.post('/signin', { email: 'alice@example.com', password: 'correct horse battery' });
    assert.equal(right.res.status, 429, 'even the right password waits out the window');
  });

  await t.test('password change needs the current password and signs out other sessions', async () => {
    const before = await store.db.selectFrom('users').select('password_hash').where('email', '=', 'bob@example.com').executeTakeFirstOrThrow();
    await store.db.deleteFrom('rate_limits' as never).execute();
    const one = new Client(app);
    await one.signIn('bob@example.com');
    const two = new Client(app);
    await two.signIn('bob@example.com');
    await one.get('/account');
    const wrong = await one.post('/account/password', { current: 'nope nope nope', password: 'a brand new password' });
    assert.equal(wrong.res.status, 400);
    const ok = await one.post('/account/password', { current: 'correct horse battery', password: 'a brand new password' });
    assert.equal(ok.res.status, 200);
    assert.match(ok.text, /Password changed/);
    const after = await store.db.selectFrom('users').select('password_hash').where('email', '=', 'bob@example.com').executeTakeFirstOrThrow();
    assert.notEqual(before.password_hash, after.password_hash);
    const { res } = await two.get('/account');
    assert.equal(res.status, 303, 'the other session was ended');
    const three = new Client(app);
    await three.signIn('bob@example.com', 'a brand new password');
    assert.ok(three.cookies.has('tid_session'));
  });

  await t.test('roles guard admin and moderation pages', async () => {
    const bob = new Client(app);
    await bob.signIn('bob@example.com', 'a brand new password');
    assert.equal((await bob.get('/admin')).res.status, 403);
    assert.equal((await bob.get('/moderation')).res.status, 403);
    const anon = new Client(app);
    assert.equal((await anon.get('/admin')).res.status, 303);
    const alice = new Client(app);
    await alice.signIn('alice@example.com');
    assert.equal((await alice.get('/admin')).res.status, 200);
    assert.equal((await alice.get('/admin/jobs')).res.status, 200);
    assert.equal((await alice.get('/admin/users')).res.status, 200);
  });
});
