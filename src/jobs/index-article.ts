/**
 * `index-article`: puts one article into the full-text index (title and body). Idempotent:
 * indexing again replaces the entry; an article that no longer exists is removed.
 */
import { z } from 'zod';
import { defineHandler } from './types.ts';
import { indexArticle } from '../store/search.ts';

export const indexArticleHandler = defineHandler({
  payload: z.object({ articleId: z.number().int().positive() }),
  async run({ articleId }, ctx) {
    const isIndexed = await indexArticle(ctx.store, articleId);
    ctx.log.debug({ articleId, isIndexed }, 'article indexed');
  },
});
