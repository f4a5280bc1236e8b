import pino from 'pino';

/**
 * The process logger. Structured JSON to stderr (stdout is reserved for command output,
 * such as the --json contracts). Secrets are redacted wherever they appear.
 */
export const log = pino(
  {
    level: process.env.TIDINGS_LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
    base: { pid: process.pid },
    redact: { paths: ['password', '*.password', 'token', '*.token', 'cookie', '*.cookie', 'headers.authorization', 'headers.cookie', 'apiKey', '*.apiKey'], censor: '[redacted]' },
  },
  pino.destination(2),
);
export type Logger = typeof log;
