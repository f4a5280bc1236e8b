/**
 * Prometheus metrics, all in one registry. Labels stay few and bounded (route pattern,
 * status, job kind, state), never a URL or an id.
 */
import client from 'prom-client';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'tidings_' });

export const httpRequests = new client.Counter({
  name: 'tidings_http_requests_total',
  help: 'HTTP requests by route pattern, method and status',
  labelNames: ['route', 'method', 'status'] as const,
  registers: [registry],
});

export const httpDuration = new client.Histogram({
  name: 'tidings_http_request_duration_seconds',
  help: 'HTTP request duration by route pattern',
  labelNames: ['route'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const jobsProcessed = new client.Counter({
  name: 'tidings_jobs_processed_total',
  help: 'Jobs run by this process, by kind and outcome (done, retry, dead, lost)',
  labelNames: ['kind', 'outcome'] as const,
  registers: [registry],
});

export const jobDuration = new client.Histogram({
  name: 'tidings_job_duration_seconds',
  help: 'Time a job handler ran, by kind',
  labelNames: ['kind'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
  registers: [registry],
});

export const jobsByState = new client.Gauge({
  name: 'tidings_jobs',
  help: 'Jobs in the queue by state (read from the database at scrape time)',
  labelNames: ['state'] as const,
  registers: [registry],
});

export const queueLag = new client.Gauge({
  name: 'tidings_queue_lag_seconds',
  help: 'How long the oldest due job has been waiting',
  registers: [registry],
});
