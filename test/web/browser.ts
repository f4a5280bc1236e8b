/**
 * Real Chromium for website tests, through playwright-core and Debian's /usr/bin/chromium
 * (no browser download). Flags from ../shared/NOTES.md: headless, no sandbox as root, and
 * no background networking (Chromium would otherwise keep trying to reach the internet).
 * Playwright gives every launch a fresh temporary profile (its own --user-data-dir).
 *
 * Without Chromium the tests are skipped, except with CI=true, where that is a failure.
 * `startServer` serves an app on 127.0.0.1 with a free port.
 */
import { existsSync } from 'node:fs';
import type { Hono } from 'hono';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';

export const CHROMIUM = process.env.TIDINGS_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** The reason to skip, or null when Chromium is there. Throws in CI when it is missing. */
export function chromiumMissing(): string | null {
  if (existsSync(CHROMIUM)) return null;
  if (process.env.CI === 'true') throw new Error(`Chromium is required in CI but ${CHROMIUM} does not exist`);
  return `${CHROMIUM} not installed`;
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 });
}

export async function startServer(app: Hono): Promise<{ url: string; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}
