/**
 * The one place that reads the environment. `loadConfig()` turns environment variables
 * (and an optional tidings.config.json in the working directory, whose keys are the same
 * names) into a frozen, validated Config. A wrong value stops start-up with one message
 * listing every bad variable and what was expected.
 *
 * The TIDINGS_* names are a stable interface: deployments depend on them.
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .union([z.boolean(), z.string()])
  .transform((v, ctx) => {
    if (typeof v === 'boolean') return v;
    const s = v.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(s)) return true;
    if (['0', 'false', 'no', 'off', ''].includes(s)) return false;
    ctx.addIssue({ code: 'custom', message: `expected true/false (or 1/0), got "${v}"` });
    return z.NEVER;
  });
const int = (min: number, max: number) =>
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    const n = typeof v === 'number' ? v : Number(v.trim());
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `expected an integer from ${min} to ${max}, got "${v}"` });
      return z.NEVER;
    }
    return n;
  });
const optionalUrl = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return undefined;
    try {
      const u = new URL(v);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http');
      return u.href.replace(/\/$/, '');
    } catch {
      ctx.addIssue({ code: 'custom', message: `expected an http(s) URL, got "${v}"` });
      return z.NEVER;
    }
  });

/** Each option: its variable name, schema (with default) and a one-line description (used by docs). */
const options = {
  TIDINGS_DATABASE_URL: { schema: z.string().default('sqlite:./data/tidings.db').refine((v) => /^(sqlite:|postgres(ql)?:\/\/)/.test(v), 'expected sqlite:PATH or postgres://…'), doc: 'sqlite:PATH (default sqlite:./data/tidings.db) or postgres://user:pass@host:port/db' },
  TIDINGS_DATA_DIR: { schema: z.string().min(1).default('./data'), doc: 'directory for the SQLite file, backups and caches' },
  TIDINGS_HOST: { schema: z.string().min(1).default('127.0.0.1'), doc: 'address the web server listens on' },
  TIDINGS_PORT: { schema: int(0, 65535).default(8080), doc: 'port the web server listens on (0 picks a free one)' },
  TIDINGS_BASE_URL: { schema: optionalUrl, doc: 'public URL of the site, used in feeds and links (default http://HOST:PORT)' },
  TIDINGS_TRUST_PROXY: { schema: int(0, 10).default(0), doc: 'reverse proxies in front of Tidings whose X-Forwarded-For entries are trusted (0: use the socket address)' },
  TIDINGS_LOG_LEVEL: { schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), doc: 'pino log level' },
  TIDINGS_DB_POOL_SIZE: { schema: int(1, 200).default(10), doc: 'PostgreSQL connections per process' },
  TIDINGS_WORKER_CONCURRENCY: { schema: int(0, 256).default(4), doc: 'jobs one worker process runs at once (serve: in-process worker; 0 disables it)' },
  TIDINGS_JOB_LEASE_MS: { schema: int(1000, 3_600_000).default(60_000), doc: 'how long a leased job is held before another worker may take it (heartbeats extend it)' },
  TIDINGS_JOB_MAX_ATTEMPTS: { schema: int(1, 100).default(5), doc: 'attempts before a job becomes a dead letter' },
  TIDINGS_USER_AGENT: { schema: z.string().min(1).default('Tidings/0.1 (+https://github.com/tidings-news/tidings; self-hosted news reader)'), doc: 'User-Agent sent with every request' },
  TIDINGS_FETCH_TIMEOUT_MS: { schema: int(100, 600_000).default(30_000), doc: 'total time allowed for one fetch' },
  TIDINGS_FETCH_CONNECT_TIMEOUT_MS: { schema: int(100, 600_000).default(10_000), doc: 'time allowed to connect and receive headers' },
  TIDINGS_FETCH_MAX_BYTES: { schema: int(1024, 1024 ** 3).default(10 * 1024 * 1024), doc: 'largest response body accepted (bytes, after decompression)' },
  TIDINGS_FETCH_MAX_REDIRECTS: { schema: int(0, 20).default(5), doc: 'redirects followed per request' },
  TIDINGS_FETCH_HOST_DELAY_MS: { schema: int(0, 600_000).default(1000), doc: 'minimum time between two requests to one host' },
  TIDINGS_FETCH_ALLOW_PRIVATE: { schema: bool.default(false), doc: 'allow fetching private, loopback and link-local addresses (for local testing only)' },
  TIDINGS_POLL_MIN_S: { schema: int(10, 86_400 * 7).default(300), doc: 'shortest interval between two polls of one feed (seconds)' },
  TIDINGS_POLL_MAX_S: { schema: int(60, 86_400 * 30).default(86_400), doc: 'longest interval between two polls of one feed (seconds)' },
  TIDINGS_SAMPLES: { schema: bool.default(true), doc: 'load the bundled sample outlets on a first start with an empty database' },
  TIDINGS_LLM_BASE_URL: { schema: optionalUrl, doc: 'OpenAI-compatible endpoint (e.g. http://127.0.0.1:11434/v1); unset = offline engine only' },
  TIDINGS_LLM_MODEL: { schema: z.string().optional(), doc: 'model name sent to the LLM endpoint' },
  TIDINGS_LLM_API_KEY: { schema: z.string().optional(), doc: 'bearer token for the LLM endpoint (optional; *_FILE accepted)' },
  TIDINGS_LLM_TIMEOUT_MS: { schema: int(100, 600_000).default(20_000), doc: 'time allowed for one LLM call before the offline engine answers' },
  TIDINGS_STORY_WINDOW_DAYS: { schema: int(1, 60).default(3), doc: 'days after its latest article that a story keeps absorbing new ones' },
} as const;

type Options = typeof options;
export type Config = Readonly<{ [K in keyof Options]: z.output<Options[K]['schema']> }> & { readonly databaseKind: 'sqlite' | 'postgres' };
export const CONFIG_DOCS: { name: string; doc: string }[] = Object.entries(options).map(([name, o]) => ({ name, doc: o.doc }));

export class ConfigError extends Error {
  readonly isConfigError = true;
}

/** Secrets may be given as NAME_FILE, a path whose contents are the value. */
const FILE_ALLOWED = new Set(['TIDINGS_LLM_API_KEY', 'TIDINGS_DATABASE_URL']);

export function loadConfig(env: Record<string, string | undefined> = process.env, { configFile = 'tidings.config.json' } = {}): Config {
  let fileValues: Record<string, unknown> = {};
  if (configFile && existsSync(configFile)) {
    try {
      fileValues = JSON.parse(readFileSync(configFile, 'utf8'));
    } catch (err) {
      throw new ConfigError(`${configFile}: not valid JSON (${(err as Error).message})`);
    }
  }
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(options)) {
    let raw: unknown = env[name] ?? fileValues[name];
    if (raw === undefined && FILE_ALLOWED.has(name) && env[`${name}_FILE`]) {
      try {
        raw = readFileSync(env[`${name}_FILE`]!, 'utf8').trim();
      } catch (err) {
        problems.push(`${name}_FILE: cannot read ${env[`${name}_FILE`]} (${(err as Error).message})`);
        continue;
      }
    }
    const parsed = (o.schema as z.ZodType).safeParse(raw);
    if (parsed.success) out[name] = parsed.data;
    else problems.push(`${name}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  for (const key of Object.keys(fileValues)) if (!(key in options)) problems.push(`${configFile}: unknown option ${key}`);
  if (problems.length) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  if (out.TIDINGS_LLM_BASE_URL && !out.TIDINGS_LLM_MODEL) {
    throw new ConfigError('invalid configuration:\n  TIDINGS_LLM_MODEL: required when TIDINGS_LLM_BASE_URL is set');
  }
  const url = out.TIDINGS_DATABASE_URL as string;
  const databaseKind = url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
  if (env.TIDINGS_DATABASE_URL === undefined && fileValues.TIDINGS_DATABASE_URL === undefined && env.TIDINGS_DATA_DIR) {
    out.TIDINGS_DATABASE_URL = `sqlite:${resolve(String(out.TIDINGS_DATA_DIR), 'tidings.db')}`;
  }
  return Object.freeze({ ...out, databaseKind }) as Config;
}

/** The public base URL: configured, or derived from host and port. */
export function baseUrl(config: Config): string {
  return config.TIDINGS_BASE_URL ?? `http://${config.TIDINGS_HOST}:${config.TIDINGS_PORT}`;
}
