import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import type { Actor } from '../../../kernel/access/actor.ts';
import type { AuditEntry } from '../../../kernel/access/scope.ts';
import { tables, type Database } from '../../../kernel/db/database.ts';
import { storeNames, withStore } from '../../../testing/stores.ts';
import { canonicalAuditEntry, createAuditWriter, GENESIS_HASH, hashAuditEntry, verifyAuditChain, type AuditTables } from '../audit/index.ts';
import { canonicalTail, hashWithTail } from '../audit/audit-hash.ts';

const nurse: Actor = { id: 'S0001', displayName: 'Nurse One', orgCode: 'RY6', role: 'community_nurse', teamCodes: ['T01'], purpose: 'direct_care', channel: 'session' };
const gp: Actor = { id: 'S0002', displayName: 'GP Two', orgCode: 'B82001', role: 'gp', teamCodes: [], purpose: 'direct_care', channel: 'session' };

const reads = (n: number, personBase = 1): AuditEntry[] =>
  Array.from({ length: n }, (_, i) => ({ action: 'read', resource: 'population.person', personId: personBase + i, outcome: 'allowed', detail: 'care_relationship' }));

/** What an attacker with database rights does first: remove the append-only triggers. */
async function dropAppendOnlyTriggers(db: Database): Promise<void> {
  if (db.dialect === 'postgres') {
    await sql`drop trigger audit_log_append_only on audit_log`.execute(db.kysely);
  } else {
    await sql`drop trigger audit_log_no_update`.execute(db.kysely);
    await sql`drop trigger audit_log_no_delete`.execute(db.kysely);
  }
}

async function seedChain(db: Database, entries = 30): Promise<void> {
  const writer = createAuditWriter(db);
  await writer.record(nurse, reads(entries));
  await writer.close();
}

test('the hash covers prev_hash and every field in a fixed order', () => {
  const entry = { seq: 1, at: '2026-11-01T09:00:00.000Z', actor_id: 'S1', actor_org: 'RY6', actor_role: 'gp', purpose: 'direct_care', channel: 'session', action: 'read', resource: 'population.person', person_id: 7, outcome: 'allowed', detail: null };
  const h = hashAuditEntry(GENESIS_HASH, entry);
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.notEqual(hashAuditEntry(GENESIS_HASH, { ...entry, detail: '' }), h);
  assert.notEqual(hashAuditEntry(GENESIS_HASH, { ...entry, person_id: null }), h);
  assert.notEqual(hashAuditEntry('1'.repeat(64), entry), h);
  assert.notEqual(hashAuditEntry(GENESIS_HASH, { ...entry, seq: 2 }), h);
  // The writer's fast path (tail prepared when recorded) gives the same canonical form and hash.
  for (const e of [entry, { ...entry, seq: 123_456, detail: 'quote " backslash \\ newline \n é 🙂', person_id: null }]) {
    assert.equal(`[${e.seq}${canonicalTail(e)}`, canonicalAuditEntry(e));
    assert.equal(hashWithTail('9'.repeat(64), e.seq, canonicalTail(e)), hashAuditEntry('9'.repeat(64), e));
  }
  assert.equal(canonicalAuditEntry(entry), '[1,"2026-11-01T09:00:00.000Z","S1","RY6","gp","direct_care","session","read","population.person",7,"allowed",null]');
});

for (const store of storeNames()) {
  test(`audit chain on ${store}`, async (t) => {
    await t.test('an empty log verifies', async () => {
      await withStore(store, async (db) => {
        assert.deepEqual(await verifyAuditChain(db), { ok: true, entries: 0 });
      });
    });

    await t.test('entries chain from the genesis hash and verify, across pages', async () => {
      await withStore(store, async (db) => {
        const writer = createAuditWriter(db);
        await writer.record(nurse, reads(7));
        await writer.record(gp, [{ action: 'search', resource: 'population.person', outcome: 'denied', detail: 'no relationship' }]);
        await writer.close();
        const rows = await tables<AuditTables>(db).selectFrom('audit_log').selectAll().orderBy('seq').execute();
        const row = (i: number) => rows[i]!;
        assert.equal(rows.length, 8);
        assert.deepEqual(rows.map((r) => Number(r.seq)), [1, 2, 3, 4, 5, 6, 7, 8]);
        assert.equal(row(0).prev_hash, GENESIS_HASH);
        assert.equal(row(1).prev_hash, row(0).hash);
        assert.equal(row(7).actor_role, 'gp');
        assert.equal(row(7).person_id, null);
        assert.equal(row(0).person_id, 1);
        const report = await verifyAuditChain(db, { pageSize: 3 });
        assert.deepEqual(report, { ok: true, entries: 8, head: { seq: 8, hash: row(7).hash } });
      });
    });

    await t.test('the database refuses UPDATE and DELETE on the audit log', async () => {
      await withStore(store, async (db) => {
        await seedChain(db, 3);
        await assert.rejects(sql`update audit_log set detail = 'x' where seq = 2`.execute(db.kysely), /append-only/);
        await assert.rejects(sql`delete from audit_log where seq = 2`.execute(db.kysely), /append-only/);
        if (db.dialect === 'postgres') await assert.rejects(sql`truncate audit_log`.execute(db.kysely), /append-only/);
        assert.equal((await verifyAuditChain(db)).entries, 3);
      });
    });

    await t.test("tampering: an edited detail is found at that entry", async () => {
      await withStore(store, async (db) => {
        await seedChain(db);
        await dropAppendOnlyTriggers(db);
        await sql`update audit_log set detail = 'nothing to see' where seq = 17`.execute(db.kysely);
        const report = await verifyAuditChain(db, { pageSize: 4 });
        assert.equal(report.ok, false);
        assert.equal(report.firstBadSeq, 17);
        assert.match(report.problem!, /does not match its hash/);
      });
    });

    await t.test('tampering: an edited person id or actor is found', async () => {
      await withStore(store, async (db) => {
        await seedChain(db);
        await dropAppendOnlyTriggers(db);
        await sql`update audit_log set person_id = 999 where seq = 3`.execute(db.kysely);
        assert.equal((await verifyAuditChain(db)).firstBadSeq, 3);
      });
    });

    await t.test('tampering: a deleted entry is named as missing', async () => {
      await withStore(store, async (db) => {
        await seedChain(db);
        await dropAppendOnlyTriggers(db);
        await sql`delete from audit_log where seq = 12`.execute(db.kysely);
        const report = await verifyAuditChain(db, { pageSize: 5 });
        assert.equal(report.ok, false);
        assert.equal(report.firstBadSeq, 12);
        assert.match(report.problem!, /entry 12 is missing/);
      });
    });

    await t.test('tampering: a deleted entry with the rest renumbered breaks the link', async () => {
      await withStore(store, async (db) => {
        await seedChain(db);
        await dropAppendOnlyTriggers(db);
        await sql`delete from audit_log where seq = 30`.execute(db.kysely);
        await sql`delete from audit_log where seq = 12`.execute(db.kysely);
        for (let seq = 13; seq <= 29; seq++) await sql`update audit_log set seq = ${seq - 1} where seq = ${seq}`.execute(db.kysely);
        const report = await verifyAuditChain(db);
        assert.equal(report.firstBadSeq, 12);
        assert.match(report.problem!, /does not link/);
      });
    });

    await t.test('tampering: two entries swapped are found', async () => {
      await withStore(store, async (db) => {
        await seedChain(db);
        await dropAppendOnlyTriggers(db);
        await sql`update audit_log set seq = -1 where seq = 8`.execute(db.kysely);
        await sql`update audit_log set seq = 8 where seq = 9`.execute(db.kysely);
        await sql`update audit_log set seq = 9 where seq = -1`.execute(db.kysely);
        const report = await verifyAuditChain(db);
        assert.equal(report.ok, false);
        assert.equal(report.firstBadSeq, 8);
      });
    });

    await t.test('tampering: an edited hash, and an inserted entry, are found', async () => {
      await withStore(store, async (db) => {
        await seedChain(db);
        await dropAppendOnlyTriggers(db);
        await sql`update audit_log set hash = ${'f'.repeat(64)} where seq = 5`.execute(db.kysely);
        assert.equal((await verifyAuditChain(db)).firstBadSeq, 5);
      });
      await withStore(store, async (db) => {
        await seedChain(db, 5);
        const last = await db.kysely.selectFrom('audit_log').select(['hash']).where('seq', '=', 5).executeTakeFirstOrThrow();
        // A forged entry appended with a made-up hash.
        await sql`insert into audit_log (seq, at, actor_id, actor_org, actor_role, purpose, channel, action, resource, person_id, outcome, detail, prev_hash, hash)
          values (6, '2026-11-01T00:00:00.000Z', 'S9', 'X', 'gp', 'direct_care', 'session', 'read', 'population.person', 1, 'allowed', null, ${last.hash}, ${'a'.repeat(64)})`.execute(db.kysely);
        const report = await verifyAuditChain(db);
        assert.equal(report.firstBadSeq, 6);
      });
    });

    await t.test('an anchor catches a cut tail', async () => {
      await withStore(store, async (db) => {
        await seedChain(db, 10);
        const { head } = await verifyAuditChain(db);
        assert.deepEqual((await verifyAuditChain(db, { anchor: head })).ok, true);
        await dropAppendOnlyTriggers(db);
        await sql`delete from audit_log where seq >= 9`.execute(db.kysely);
        assert.equal((await verifyAuditChain(db)).ok, true); // the chain alone cannot see a cut tail
        const report = await verifyAuditChain(db, { anchor: head });
        assert.equal(report.ok, false);
        assert.equal(report.firstBadSeq, 10);
        assert.match(report.problem!, /no longer in the log/);
      });
    });

    await t.test('concurrent record() calls keep one unbroken chain, written in few transactions', async () => {
      await withStore(store, async (db) => {
        // No time limit on waiting for company here, so the grouping itself is what is tested.
        const writer = createAuditWriter(db, { maxWaitMs: Number.POSITIVE_INFINITY });
        await writer.record(nurse, reads(1));
        await Promise.all(Array.from({ length: 50 }, (_, i) => writer.record(i % 2 ? nurse : gp, reads(20, i * 100))));
        const stats = writer.stats();
        await writer.close();
        assert.equal(stats.entries, 1001);
        assert.ok(stats.batches <= 3, `50 concurrent calls took ${stats.batches - 1} transactions`);
        const report = await verifyAuditChain(db);
        assert.equal(report.ok, true);
        assert.equal(report.entries, 1001);
        // Each call's entries stay together and in order.
        const rows = await db.kysely.selectFrom('audit_log').select(['seq', 'person_id']).where('seq', '>', 1).orderBy('seq').execute();
        for (let i = 0; i < rows.length; i += 20) {
          const base = Number(rows[i]!.person_id);
          assert.deepEqual(rows.slice(i, i + 20).map((r) => Number(r.person_id) - base), Array.from({ length: 20 }, (_, j) => j));
        }
      });
    });

    await t.test('two writers on one store (two servers) do not fork the chain', async () => {
      await withStore(store, async (db) => {
        const a = createAuditWriter(db);
        const b = createAuditWriter(db);
        await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).record(nurse, reads(5, i * 10))));
        await Promise.all([a.close(), b.close()]);
        const report = await verifyAuditChain(db);
        assert.deepEqual([report.ok, report.entries], [true, 200]);
      });
    });

    await t.test('record() resolves only after its entries are committed', async () => {
      await withStore(store, async (db) => {
        const writer = createAuditWriter(db);
        const pending = Array.from({ length: 10 }, (_, i) => writer.record(nurse, reads(3, i * 10)).then(async () => {
          const seen = await db.kysely.selectFrom('audit_log').select(['person_id']).where('person_id', '=', i * 10 + 2).execute();
          return seen.length;
        }));
        assert.deepEqual(await Promise.all(pending), Array(10).fill(1));
        await writer.close();
      });
    });

    if (store === 'sqlite') {
      await t.test('SQLite: a call that has waited maxWaitMs writes the queue at once, never inside a transaction', async () => {
        await withStore(store, async (db) => {
          const writer = createAuditWriter(db, { maxWaitMs: 0 });
          const count = () => (db.sqlite!.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
          const first = writer.record(nurse, reads(2));
          // Written before record() returned: no turn of the event loop in between.
          assert.equal(count(), 2);
          assert.deepEqual(writer.stats(), { batches: 1, entries: 2 });
          await first;
          // Inside a transaction the call waits in the queue and is written after it.
          let inside: Promise<void> | undefined;
          await db.kysely.transaction().execute(async (trx) => {
            await sql`select 1`.execute(trx);
            inside = writer.record(gp, reads(3, 50));
            assert.equal(count(), 2);
          });
          await inside;
          assert.equal(count(), 5);
          await writer.close();
          assert.deepEqual(await verifyAuditChain(db).then((r) => [r.ok, r.entries]), [true, 5]);
        });
      });
    }

    await t.test('a failed write rejects record() and the next batch carries on', async () => {
      await withStore(store, async (db) => {
        const writer = createAuditWriter(db);
        await assert.rejects(writer.record(nurse, [{ action: 'peek' as never, resource: 'x', outcome: 'allowed' }]), /Unknown audit action/);
        await writer.record(nurse, reads(2));
        await writer.close();
        await assert.rejects(writer.record(nurse, reads(1)), (e: { code?: string }) => e.code === 'SEAMLESS_ERR_GOVERNANCE_AUDIT_CLOSED');
        assert.equal((await verifyAuditChain(db)).entries, 2);
      });
    });
  });
}
