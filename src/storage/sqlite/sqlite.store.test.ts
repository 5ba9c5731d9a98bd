import { createTempSqliteStore } from '../../../test/support/sqlite-fixture.js';
import { describeStoreContract } from '../store.contract.js';

describeStoreContract('sqlite', async () => createTempSqliteStore());
