/** Operational routes: liveness, readiness and Prometheus metrics. */
import { Hono } from 'hono';
import type { Store } from '../store/db.ts';
import { ping, pendingMigrations } from '../store/db.ts';
import { countJobsByState, queueLagSeconds } from '../store/jobs.ts';
import { registry, jobsByState, queueLag } from '../metrics.ts';

export function opsRoutes(store: Store): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await ping(store);
      const pending = await pendingMigrations(store);
      if (pending.length) return c.json({ status: 'migrations pending', pending }, 503);
      return c.json({ status: 'ready', database: store.kind });
    } catch (err) {
      return c.json({ status: 'database unreachable', error: (err as Error).message }, 503);
    }
  });
  app.get('/metrics', async (c) => {
    try {
      const counts = await countJobsByState(store);
      for (const [state, n] of Object.entries(counts)) jobsByState.set({ state }, n);
      queueLag.set(await queueLagSeconds(store));
    } catch {
      // The process metrics are still worth serving when the database is away.
    }
    return c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
  });
  return app;
}
