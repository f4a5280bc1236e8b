/** Every job kind this build can run. Pipeline stages register here as they land. */
import type { JobHandler } from './types.ts';
import { pruneHandler, sleepHandler } from './builtin.ts';
import { tickHandler } from './maintenance.ts';
import { pollSourceHandler } from './poll-source.ts';
import { fetchArticleHandler } from './fetch-article.ts';
import { readArticleHandler } from './read-article.ts';
import { placeArticleHandler } from './place-article.ts';
import { indexArticleHandler } from './index-article.ts';

export function allHandlers(): Record<string, JobHandler> {
  return {
    'maintenance.prune': pruneHandler as JobHandler,
    'test.sleep': sleepHandler as JobHandler,
    'maintenance.tick': tickHandler as JobHandler,
    'poll-source': pollSourceHandler as JobHandler,
    'fetch-article': fetchArticleHandler as JobHandler,
    'read-article': readArticleHandler as JobHandler,
    'place-article': placeArticleHandler as JobHandler,
    'index-article': indexArticleHandler as JobHandler,
  };
}
