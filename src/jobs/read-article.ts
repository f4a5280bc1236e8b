/**
 * `read-article`: runs the reading engine over an extracted article and stores the result
 * with its entity and hashtag links, then queues story placement. With an LLM endpoint
 * configured the summary comes from it (checked citations), else from the offline engine.
 */
import { z } from 'zod';
import { defineHandler, PermanentJobError } from './types.ts';
import { readArticle } from '../read/index.ts';
import { readArticleWithLlm, llmOptionsFromConfig } from '../read/llm.ts';
import { articleForReading, saveRead } from '../store/reads.ts';
import { enqueue } from '../store/jobs.ts';

/** Bump when the reading engine's output changes enough to re-read stored articles. */
export const READ_ENGINE_VERSION = 1;

export const readArticleHandler = defineHandler({
  payload: z.object({ articleId: z.number().int().positive() }),
  async run({ articleId }, ctx) {
    const article = await articleForReading(ctx.store, articleId);
    if (!article) throw new PermanentJobError(`article ${articleId} does not exist`);
    const input = { title: article.title, text: article.text, published: article.publishedAt === null ? null : new Date(article.publishedAt) };
    const llm = llmOptionsFromConfig(ctx.config, (reason) => ctx.log.warn({ articleId, reason }, 'LLM summary failed; used the offline engine'));
    const result = llm ? await readArticleWithLlm(input, llm) : readArticle(input);
    await saveRead(ctx.store, articleId, READ_ENGINE_VERSION, result);
    await enqueue(ctx.store, { kind: 'place-article', payload: { articleId }, dedupeKey: `place:${articleId}` });
  },
});
