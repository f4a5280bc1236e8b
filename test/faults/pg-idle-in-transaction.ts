/**
 * Child process for pg-connection-loss.test.ts: holds a PostgreSQL connection inside a
 * transaction, idle between two statements (as every multi-statement write does for a
 * moment), while the test terminates its backend. It must survive, see its transaction
 * fail, and work again on a new connection.
 */
import { openStore } from '../../src/store/db.ts';

const store = openStore(process.env.TIDINGS_DATABASE_URL!, { poolSize: 2, onPoolError: (err) => console.log(`pool error: ${err.message}`) });
try {
  await store.db.transaction().execute(async (trx) => {
    await trx.selectFrom('sources').select('id').execute();
    console.log('in-transaction');
    // The test terminates this backend now; the error arrives while no statement runs.
    await new Promise((r) => setTimeout(r, 2000));
    await trx.selectFrom('sources').select('id').execute();
  });
  console.log('transaction committed');
} catch (err) {
  console.log(`transaction failed: ${(err as Error).message}`);
}
const rows = await store.db.selectFrom('sources').select('id').execute();
console.log(`recovered: ${rows.length} rows`);
await store.close();
