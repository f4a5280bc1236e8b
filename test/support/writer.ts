/**
 * A process that writes articles with their bodies in transactions as fast as it can,
 * printing the number of each committed batch; tests kill it mid-write.
 */
import { openStore, migrateToLatest } from '../../src/store/db.ts';

const store = openStore(process.env.TIDINGS_DATABASE_URL!);
await migrateToLatest(store);
const big = 'lorem ipsum dolor sit amet '.repeat(2000);
for (let batch = 0; ; batch++) {
  await store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < 20; i++) {
      const url = `https://example.com/${process.pid}/${batch}/${i}`;
      const now = Date.now();
      const a = await trx.insertInto('articles').values({ url, canonical_url: url, title: `t ${batch} ${i}`, status: 'new', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('article_bodies').values({ article_id: a.id, text: big, updated_at: now }).execute();
    }
  });
  process.stdout.write(`committed ${batch}\n`);
}
