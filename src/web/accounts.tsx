/**
 * Accounts: sign up, sign in, sign out, password change and personal API tokens.
 * Forms and the API share the zod schemas below. Sign-in and sign-up are rate limited per
 * client address (and sign-in also per email), see RATE_LIMITS in session.ts.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from './app.ts';
import { authenticate, changePassword, createApiToken, createSession, createUser, deleteOtherSessions, deleteSession, listApiTokens, normalizeEmail, revokeApiToken, type User } from '../store/users.ts';
import { Layout, CsrfField, Notice } from './layout.tsx';
import { formatDateTime, safeNext } from './format.ts';
import { clearSessionCookie, clientIp, csrfToken, isRateLimited, setSessionCookie, type WebContext, type WebEnv } from './session.ts';

export const PASSWORD_MIN = 10;
const password = z.string().min(PASSWORD_MIN, `Passwords need at least ${PASSWORD_MIN} characters.`).max(200, 'Passwords are limited to 200 characters.');
export const SignUpInput = z.object({
  email: z.string().trim().max(254).email('Enter a valid email address.'),
  name: z.string().trim().min(1, 'Enter a display name.').max(60, 'Names are limited to 60 characters.'),
  password,
});
export const SignInInput = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200) });
export const PasswordInput = z.object({ current: z.string().min(1).max(200), password });
export const TokenInput = z.object({ name: z.string().trim().min(1, 'Name the token.').max(80) });

function SignUpForm(props: { csrf: string; error?: string; email?: string; name?: string }) {
  return (
    <Layout title="Create an account" user={null} noindex>
      <h1>Create an account</h1>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <form class="form-narrow" method="post" action="/signup">
        <CsrfField token={props.csrf} />
        <label for="su-email">Email</label>
        <input id="su-email" type="email" name="email" required autocomplete="email" value={props.email ?? ''} />
        <label for="su-name">Display name</label>
        <input id="su-name" type="text" name="name" required maxlength={60} autocomplete="nickname" value={props.name ?? ''} />
        <label for="su-password">Password (at least {PASSWORD_MIN} characters)</label>
        <input id="su-password" type="password" name="password" required minlength={PASSWORD_MIN} autocomplete="new-password" />
        <p>
          <button type="submit">Create account</button>
        </p>
      </form>
      <p>
        Already have an account? <a href="/signin">Sign in</a>.
      </p>
    </Layout>
  );
}

function SignInForm(props: { csrf: string; error?: string; email?: string; next: string }) {
  return (
    <Layout title="Sign in" user={null} noindex>
      <h1>Sign in</h1>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <form class="form-narrow" method="post" action="/signin">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="next" value={props.next} />
        <label for="si-email">Email</label>
        <input id="si-email" type="email" name="email" required autocomplete="email" value={props.email ?? ''} />
        <label for="si-password">Password</label>
        <input id="si-password" type="password" name="password" required autocomplete="current-password" />
        <p>
          <button type="submit">Sign in</button>
        </p>
      </form>
      <p>
        New here? <a href="/signup">Create an account</a>.
      </p>
    </Layout>
  );
}

async function startSession(c: WebContext, deps: AppDeps, user: User): Promise<void> {
  const s = await createSession(deps.store, user.id);
  setSessionCookie(c, deps.config, s.token, s.expiresAt);
}

export function accountRoutes(deps: AppDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { store, config } = deps;

  app.get('/signup', (c) => (c.get('user') ? c.redirect('/account', 303) : c.html(<SignUpForm csrf={csrfToken(c, config)} />)));

  app.post('/signup', async (c) => {
    const form = await c.req.parseBody();
    const csrf = csrfToken(c, config);
    const email = typeof form.email === 'string' ? form.email : '';
    const name = typeof form.name === 'string' ? form.name : '';
    if ((await isRateLimited(c, store, 'signupIp', clientIp(c))) !== null) return c.html(<SignUpForm csrf={csrf} email={email} name={name} error="Too many accounts were created from your address. Try again later." />, 429);
    const parsed = SignUpInput.safeParse(form);
    if (!parsed.success) return c.html(<SignUpForm csrf={csrf} email={email} name={name} error={parsed.error.issues[0]?.message} />, 400);
    const r = await createUser(store, parsed.data);
    if (r.kind === 'email-taken') return c.html(<SignUpForm csrf={csrf} email={email} name={name} error="An account with this email already exists. Sign in instead." />, 409);
    await startSession(c, deps, r.user);
    return c.redirect('/', 303);
  });

  app.get('/signin', (c) => {
    if (c.get('user')) return c.redirect('/', 303);
    return c.html(<SignInForm csrf={csrfToken(c, config)} next={safeNext(c.req.query('next'))} />);
  });

  app.post('/signin', async (c) => {
    const form = await c.req.parseBody();
    const csrf = csrfToken(c, config);
    const next = safeNext(form.next);
    const email = typeof form.email === 'string' ? form.email : '';
    const limited = (await isRateLimited(c, store, 'signinIp', clientIp(c))) ?? (await isRateLimited(c, store, 'signinEmail', normalizeEmail(email)));
    if (limited !== null) return c.html(<SignInForm csrf={csrf} email={email} next={next} error={`Too many sign-in attempts. Try again in ${Math.ceil(limited / 60)} minutes.`} />, 429);
    const parsed = SignInInput.safeParse(form);
    if (!parsed.success) return c.html(<SignInForm csrf={csrf} email={email} next={next} error="Enter your email and password." />, 400);
    const user = await authenticate(store, parsed.data.email, parsed.data.password);
    if (!user) return c.html(<SignInForm csrf={csrf} email={email} next={next} error="That email and password do not match an account." />, 401);
    if (user.isBanned) return c.html(<SignInForm csrf={csrf} email={email} next={next} error="This account is banned." />, 403);
    await startSession(c, deps, user);
    return c.redirect(next, 303);
  });

  app.post('/signout', async (c) => {
    const token = c.get('sessionToken');
    if (token) await deleteSession(store, token);
    clearSessionCookie(c);
    return c.redirect('/', 303);
  });

  async function accountPage(c: WebContext, extra: { notice?: string; error?: string; newToken?: string; status?: number } = {}) {
    const user = c.get('user')!;
    const tokens = await listApiTokens(store, user.id);
    const csrf = csrfToken(c, config);
    return c.html(
      <Layout title="Your account" user={user} csrf={csrf} noindex>
        <h1>Your account</h1>
        {extra.notice && <Notice kind="ok">{extra.notice}</Notice>}
        {extra.error && <Notice kind="error">{extra.error}</Notice>}
        <p>
          {user.name} · {user.email} · role: <strong>{user.role}</strong>
        </p>
        <section aria-labelledby="pw-title">
          <h2 id="pw-title">Change password</h2>
          <form class="form-narrow" method="post" action="/account/password">
            <CsrfField token={csrf} />
            <label for="pw-current">Current password</label>
            <input id="pw-current" type="password" name="current" required autocomplete="current-password" />
            <label for="pw-new">New password (at least {PASSWORD_MIN} characters)</label>
            <input id="pw-new" type="password" name="password" required minlength={PASSWORD_MIN} autocomplete="new-password" />
            <p>
              <button type="submit">Change password</button>
            </p>
          </form>
        </section>
        <section aria-labelledby="tok-title">
          <h2 id="tok-title">Personal API tokens</h2>
          <p class="muted small">
            Use a token as <code>Authorization: Bearer …</code> with the <a href="/api/v1/openapi.json">JSON API</a>, for example to post comments. Only a hash is stored: copy a new token now, it is shown once.
          </p>
          {extra.newToken && (
            <Notice kind="ok">
              New token: <span class="token" id="new-token">{extra.newToken}</span>
            </Notice>
          )}
          {tokens.length > 0 && (
            <div class="table-wrap">
              <table class="table">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Created</th>
                    <th>Last used</th>
                    <th></th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.map((t) => (
                    <tr>
                      <td>{t.name}</td>
                      <td>{formatDateTime(t.createdAt)}</td>
                      <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'never'}</td>
                      <td>
                        <form class="inline" method="post" action={`/account/tokens/${t.id}/revoke`}>
                          <CsrfField token={csrf} />
                          <button type="submit" class="danger">
                            Revoke
                          </button>
                        </form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <form class="form-row" method="post" action="/account/tokens">
            <CsrfField token={csrf} />
            <div>
              <label for="tok-name">Token name</label>
              <input id="tok-name" type="text" name="name" required maxlength={80} placeholder="e.g. my script" />
            </div>
            <button type="submit">Create token</button>
          </form>
        </section>
      </Layout>,
      (extra.status ?? 200) as 200,
    );
  }

  app.use('/account/*', async (c, next) => {
    if (!c.get('user')) return c.redirect('/signin?next=/account', 303);
    await next();
  });
  app.get('/account', (c) => (c.get('user') ? accountPage(c) : c.redirect('/signin?next=/account', 303)));

  app.post('/account/password', async (c) => {
    const user = c.get('user')!;
    const parsed = PasswordInput.safeParse(await c.req.parseBody());
    if (!parsed.success) return accountPage(c, { error: parsed.error.issues[0]?.message, status: 400 });
    if (!(await changePassword(store, user.id, parsed.data.current, parsed.data.password))) return accountPage(c, { error: 'The current password is not right.', status: 400 });
    await deleteOtherSessions(store, user.id, c.get('sessionToken')!);
    return accountPage(c, { notice: 'Password changed. Other sessions were signed out.' });
  });

  app.post('/account/tokens', async (c) => {
    const user = c.get('user')!;
    const parsed = TokenInput.safeParse(await c.req.parseBody());
    if (!parsed.success) return accountPage(c, { error: parsed.error.issues[0]?.message, status: 400 });
    const { token } = await createApiToken(store, user.id, parsed.data.name);
    return accountPage(c, { newToken: token });
  });

  app.post('/account/tokens/:id/revoke', async (c) => {
    const user = c.get('user')!;
    await revokeApiToken(store, user.id, Number(c.req.param('id')) || 0);
    return c.redirect('/account', 303);
  });

  return app;
}
