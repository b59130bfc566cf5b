import assert from 'node:assert/strict';
import { test } from 'node:test';
import { storeNames, withStore } from '../../../testing/stores.ts';
import { auditEntriesForPersons, createAuditWriter, listPersonAccessLog, producePersonAccessLog, searchAudit, searchAuditLog } from '../audit/index.ts';
import { seedIgPlace, STAFF } from './registers-fixtures.ts';

test('a list result is audited as one entry per distinct person, or one entry when empty', () => {
  const entry = { action: 'search' as const, resource: 'population.person', outcome: 'allowed' as const };
  assert.deepEqual(auditEntriesForPersons([3, 1, 3, null], entry).map((e) => e.personId), [3, 1]);
  assert.deepEqual(auditEntriesForPersons([], entry), [entry]);
});

for (const store of storeNames()) {
  test(`access log and audit search on ${store}`, async (t) => {
    await withStore(store, async (db) => {
      const place = await seedIgPlace(db);
      let clock = Date.parse('2026-06-01T08:00:00Z');
      const writer = createAuditWriter(db, { now: () => new Date((clock += 3_600_000)) });
      const read = (personId: number) => ({ action: 'read' as const, resource: 'population.person', personId, outcome: 'allowed' as const, detail: 'care_relationship' });
      await writer.record(STAFF.nurse, [read(place.ada)]); // 09:00
      await writer.record(STAFF.gp, [read(place.bert)]); // 10:00
      await writer.record(STAFF.gp, auditEntriesForPersons([place.ada, place.bert], { action: 'search', resource: 'population.person', outcome: 'allowed' })); // 11:00
      await writer.record(STAFF.analyst, [{ action: 'read', resource: 'population.person', personId: place.ada, outcome: 'denied', detail: 'planning role' }]); // 12:00
      await writer.record(STAFF.nurse, [{ action: 'sign_in', resource: 'session', outcome: 'allowed' }]); // 13:00
      await writer.flush();

      await t.test("a person's access log lists exactly their entries, newest first, with who, where, role and purpose", async () => {
        const log = await listPersonAccessLog(db, place.ada);
        assert.deepEqual(log.items.map((e) => [e.actorId, e.action, e.outcome]), [
          [STAFF.analyst.id, 'read', 'denied'], [STAFF.gp.id, 'search', 'allowed'], [STAFF.nurse.id, 'read', 'allowed'],
        ]);
        const first = log.items[2]!;
        assert.deepEqual(
          [first.actorName, first.actorOrg, first.actorOrgName, first.actorRole, first.purpose, first.channel, first.at, first.resource, first.personId],
          ['Nina Nurse', 'RY6', 'Northshire Community Health', 'community_nurse', 'direct_care', 'session', '2026-06-01T09:00:00.000Z', 'population.person', place.ada],
        );
        assert.equal(log.nextCursor, null);
        assert.deepEqual((await listPersonAccessLog(db, place.bert)).items.map((e) => e.actorId), [STAFF.gp.id, STAFF.gp.id]);
      });

      await t.test('audit search filters by actor, person, action, outcome and time, and pages newest first', async () => {
        const seqs = async (search: Parameters<typeof searchAuditLog>[1]) => (await searchAuditLog(db, search)).items.map((e) => e.seq);
        assert.deepEqual(await seqs({}), [6, 5, 4, 3, 2, 1]);
        assert.deepEqual(await seqs({ actor: STAFF.gp.id }), [4, 3, 2]);
        assert.deepEqual(await seqs({ actor: STAFF.gp.id, person: place.ada }), [3]);
        assert.deepEqual(await seqs({ action: 'search' }), [4, 3]);
        assert.deepEqual(await seqs({ outcome: 'denied' }), [5]);
        assert.deepEqual(await seqs({ from: '2026-06-01T10:00:00Z', to: '2026-06-01T12:00:00Z' }), [5, 4, 3, 2]);
        assert.deepEqual(await seqs({ to: '2026-06-01' }), [6, 5, 4, 3, 2, 1]); // a date as 'to' means the whole day
        assert.deepEqual(await seqs({ from: '2026-06-02' }), []);
        await assert.rejects(searchAuditLog(db, { from: 'yesterday' }), { code: 'SEAMLESS_ERR_GOVERNANCE_AUDIT_DATE' });
        const page1 = await searchAuditLog(db, { limit: 4 });
        assert.deepEqual([page1.items.map((e) => e.seq), page1.nextCursor], [[6, 5, 4, 3], 3]);
        const page2 = await searchAuditLog(db, { limit: 4, cursor: page1.nextCursor! });
        assert.deepEqual([page2.items.map((e) => e.seq), page2.nextCursor], [[2, 1], null]);
      });

      await t.test('producing an access log and searching the audit are themselves audited', async () => {
        const ig = { db, actor: STAFF.igLead, audit: writer };
        await producePersonAccessLog(ig, place.ada);
        const mine = await searchAuditLog(db, { actor: STAFF.igLead.id });
        assert.deepEqual(mine.items.map((e) => [e.action, e.resource, e.personId]), [['read', 'governance.access_log', place.ada]]);
        await searchAudit(ig, { actor: STAFF.gp.id });
        const after = await searchAuditLog(db, { actor: STAFF.igLead.id, action: 'search' });
        assert.deepEqual(after.items.map((e) => e.personId).sort(), [place.ada, place.bert].sort());
        assert.match(after.items[0]!.detail!, new RegExp(`actor=${STAFF.gp.id}`));
        // The person's own log now shows the IG lead looked.
        assert.ok((await listPersonAccessLog(db, place.ada)).items.some((e) => e.actorId === STAFF.igLead.id && e.resource === 'governance.access_log'));
        await assert.rejects(producePersonAccessLog(ig, 99_999), { code: 'SEAMLESS_ERR_GOVERNANCE_PERSON_NOT_FOUND' });
      });

      await writer.close();
      await place.writer.close();
    });
  });
}
