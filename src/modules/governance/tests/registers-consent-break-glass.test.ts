import assert from 'node:assert/strict';
import { test } from 'node:test';
import { storeNames, withStore } from '../../../testing/stores.ts';
import {
  findActiveBreakGlass, listBreakGlassForReview, listConsents, openBreakGlass, recordConsent, reviewBreakGlass,
  validateConsentInput, withdrawConsent, type ConsentInput,
} from '../registers/index.ts';
import { searchAuditLog, verifyAuditChain } from '../audit/index.ts';
import { ORGS, seedIgPlace, STAFF } from './registers-fixtures.ts';

test('consent validation by kind', () => {
  const code = (input: ConsentInput) => { try { validateConsentInput(input); return 'ok'; } catch (e) { return (e as { code: string }).code; } };
  const cases: [ConsentInput, string][] = [
    [{ kind: 'national_data_opt_out' }, 'ok'],
    [{ kind: 'national_data_opt_out', category: 'acute' }, 'SEAMLESS_ERR_GOVERNANCE_CONSENT_INVALID'],
    [{ kind: 'national_data_opt_out', orgCode: 'RR8' }, 'SEAMLESS_ERR_GOVERNANCE_CONSENT_INVALID'],
    [{ kind: 'objection_to_sharing' }, 'ok'],
    [{ kind: 'objection_to_sharing', orgCode: 'rr8' }, 'ok'],
    [{ kind: 'objection_to_sharing', category: 'acute' }, 'SEAMLESS_ERR_GOVERNANCE_CONSENT_INVALID'],
    [{ kind: 'restrict_category', category: 'sexual_health' }, 'ok'],
    [{ kind: 'restrict_category' }, 'SEAMLESS_ERR_GOVERNANCE_CONSENT_INVALID'],
    [{ kind: 'restrict_category', category: 'dental' }, 'SEAMLESS_ERR_GOVERNANCE_UNKNOWN_CATEGORY'],
    [{ kind: 'restrict_category', category: 'acute', orgCode: 'RR8' }, 'SEAMLESS_ERR_GOVERNANCE_CONSENT_INVALID'],
    [{ kind: 'consent_to_share', category: 'mental_health', orgCode: 'LA1' }, 'ok'],
    [{ kind: 'implied' }, 'SEAMLESS_ERR_GOVERNANCE_CONSENT_INVALID'],
  ];
  for (const [input, expected] of cases) assert.equal(code(input), expected, JSON.stringify(input));
  assert.equal(validateConsentInput({ kind: 'objection_to_sharing', orgCode: ' rr8 ' }).orgCode, 'RR8');
});

for (const store of storeNames()) {
  test(`consent and objections on ${store}`, async (t) => {
    await withStore(store, async (db) => {
      const place = await seedIgPlace(db);
      const nurse = place.scope(STAFF.nurse);
      const now = new Date('2026-06-15T10:00:00Z');

      await t.test('record, list and withdraw, each audited against the person', async () => {
        const optOut = await recordConsent(nurse, place.ada, { kind: 'national_data_opt_out', note: 'Registered by phone' }, { now });
        assert.deepEqual([optOut.kind, optOut.active, optOut.recordedBy, optOut.recordedAt, optOut.note], ['national_data_opt_out', true, STAFF.nurse.id, now.toISOString(), 'Registered by phone']);
        const objection = await recordConsent(nurse, place.ada, { kind: 'objection_to_sharing', orgCode: ORGS.council }, { now });
        assert.equal(objection.orgCode, ORGS.council);

        const listed = await listConsents(nurse, place.ada);
        assert.deepEqual(listed.map((c) => c.kind).sort(), ['national_data_opt_out', 'objection_to_sharing']);
        assert.deepEqual(await listConsents(nurse, place.bert), []);

        const later = new Date('2026-07-01T09:00:00Z');
        const withdrawn = await withdrawConsent(nurse, optOut.id, { now: later });
        assert.deepEqual([withdrawn.active, withdrawn.withdrawnAt, withdrawn.withdrawnBy], [false, later.toISOString(), STAFF.nurse.id]);
        await assert.rejects(withdrawConsent(nurse, optOut.id), { code: 'SEAMLESS_ERR_GOVERNANCE_CONSENT_ALREADY_WITHDRAWN' });
        await assert.rejects(withdrawConsent(nurse, 99_999), { code: 'SEAMLESS_ERR_GOVERNANCE_CONSENT_NOT_FOUND' });
        assert.deepEqual((await listConsents(nurse, place.ada, { includeWithdrawn: false })).map((c) => c.kind), ['objection_to_sharing']);

        // The table the access filter reads: exactly one active objection, no active opt-out.
        const active = await db.kysely.selectFrom('person_consent').select(['kind', 'org_code']).where('person_id', '=', place.ada).where('withdrawn_at', 'is', null).execute();
        assert.deepEqual(active, [{ kind: 'objection_to_sharing', org_code: ORGS.council }]);

        const log = await searchAuditLog(db, { person: place.ada, limit: 50 });
        assert.deepEqual(log.items.map((e) => `${e.action} ${e.resource}`).reverse(), [
          'write governance.consent', 'write governance.consent', 'read governance.consent', 'write governance.consent', 'read governance.consent',
        ]);
        assert.ok(log.items.every((e) => e.actorId === STAFF.nurse.id && e.actorOrg === ORGS.community && e.actorRole === 'community_nurse'));
      });

      await t.test('a second identical active objection is refused; after withdrawal it can be recorded again', async () => {
        await assert.rejects(recordConsent(nurse, place.ada, { kind: 'objection_to_sharing', orgCode: ORGS.council }), { code: 'SEAMLESS_ERR_GOVERNANCE_CONSENT_ALREADY_ACTIVE' });
        const again = await recordConsent(nurse, place.ada, { kind: 'national_data_opt_out' });
        assert.equal(again.active, true);
      });

      await t.test('without a care relationship a care role is refused, and the refusal is audited', async () => {
        const worker = place.scope(STAFF.linkWorker);
        await assert.rejects(recordConsent(worker, place.ada, { kind: 'national_data_opt_out' }), { code: 'SEAMLESS_ERR_GOVERNANCE_NO_CARE_RELATIONSHIP' });
        await assert.rejects(listConsents(worker, place.ada), { code: 'SEAMLESS_ERR_GOVERNANCE_NO_CARE_RELATIONSHIP' });
        const someConsent = (await listConsents(nurse, place.ada))[0]!;
        await assert.rejects(withdrawConsent(worker, someConsent.id), { code: 'SEAMLESS_ERR_GOVERNANCE_NO_CARE_RELATIONSHIP' });
        assert.equal((await listConsents(nurse, place.ada)).find((c) => c.id === someConsent.id)?.active, someConsent.active, 'nothing changed');
        await place.writer.flush();
        const denied = await searchAuditLog(db, { actor: STAFF.linkWorker.id, limit: 10 });
        assert.equal(denied.items.filter((e) => e.outcome === 'denied' && e.personId === place.ada).length, 3);
        // The GP practice the person is registered with, and IG, may.
        assert.ok((await listConsents(place.scope(STAFF.gp), place.ada)).length > 0);
        assert.ok((await listConsents(place.scope(STAFF.igLead), place.ada)).length > 0);
      });

      await t.test('a read-only partner reads consents but records and withdraws none', async () => {
        const careHome = place.scope(STAFF.careHome);
        assert.ok((await listConsents(careHome, place.ada)).length > 0, 'has a relationship, so may read');
        await assert.rejects(recordConsent(careHome, place.ada, { kind: 'national_data_opt_out' }), { code: 'SEAMLESS_ERR_GOVERNANCE_READ_ONLY' });
        const someConsent = (await listConsents(nurse, place.ada))[0]!;
        await assert.rejects(withdrawConsent(careHome, someConsent.id), { code: 'SEAMLESS_ERR_GOVERNANCE_READ_ONLY' });
      });

      await t.test('unknown person or organisation is refused', async () => {
        await assert.rejects(recordConsent(nurse, 99_999, { kind: 'national_data_opt_out' }), { code: 'SEAMLESS_ERR_GOVERNANCE_PERSON_NOT_FOUND' });
        await assert.rejects(recordConsent(nurse, place.bert, { kind: 'objection_to_sharing', orgCode: 'XX1' }), { code: 'SEAMLESS_ERR_GOVERNANCE_UNKNOWN_ORGANISATION' });
        await assert.rejects(listConsents(nurse, 99_999), { code: 'SEAMLESS_ERR_GOVERNANCE_PERSON_NOT_FOUND' });
      });
      await place.writer.close();
    });
  });

  test(`break-glass on ${store}`, async (t) => {
    await withStore(store, async (db) => {
      const place = await seedIgPlace(db);
      const gp = place.scope(STAFF.gp);
      const ig = place.scope(STAFF.igLead);
      const opened = new Date('2026-06-15T10:00:00Z');

      await t.test('opening needs a reason of at least 10 characters', async () => {
        await assert.rejects(openBreakGlass(gp, place.ada, '  urgent  ', { now: opened }), { code: 'SEAMLESS_ERR_GOVERNANCE_BREAK_GLASS_REASON' });
        await assert.rejects(openBreakGlass(gp, 99_999, 'Unconscious in surgery, no records', { now: opened }), { code: 'SEAMLESS_ERR_GOVERNANCE_PERSON_NOT_FOUND' });
      });

      await t.test('opens for 4 hours by default, audited as break_glass, active until it expires', async () => {
        const bg = await openBreakGlass(gp, place.ada, 'Collapsed in the waiting room; needs medication history', { now: opened });
        assert.deepEqual([bg.staffId, bg.orgCode, bg.personId, bg.reviewStatus, bg.active], [STAFF.gp.id, ORGS.practice, place.ada, 'open', true]);
        assert.equal(bg.expiresAt, '2026-06-15T14:00:00.000Z');
        const at = (iso: string) => findActiveBreakGlass(db, STAFF.gp.id, place.ada, iso);
        assert.equal((await at('2026-06-15T13:59:59.999Z'))?.id, bg.id);
        assert.equal(await at('2026-06-15T14:00:00.000Z'), undefined);
        assert.equal(await findActiveBreakGlass(db, STAFF.nurse.id, place.ada, '2026-06-15T11:00:00.000Z'), undefined);
        assert.equal(await findActiveBreakGlass(db, STAFF.gp.id, place.bert, '2026-06-15T11:00:00.000Z'), undefined);
        const entry = (await searchAuditLog(db, { person: place.ada, action: 'break_glass' })).items;
        assert.equal(entry.length, 1);
        assert.equal(entry[0]!.detail, `break-glass ${bg.id} opened until 2026-06-15T14:00:00.000Z`);
        const short = await openBreakGlass(gp, place.bert, 'Rapid response visit, no shared record', { now: opened, hours: 1 });
        assert.equal(short.expiresAt, '2026-06-15T11:00:00.000Z');
      });

      await t.test('the review queue lists open ones, audited one entry per person', async () => {
        const queue = await listBreakGlassForReview(ig, { now: new Date('2026-06-16T09:00:00Z') });
        assert.deepEqual(queue.items.map((b) => b.personId), [place.bert, place.ada]);
        assert.equal(queue.items[0]!.staffName, 'Gail Practitioner');
        assert.equal(queue.items[0]!.active, false);
        const audited = await searchAuditLog(db, { actor: STAFF.igLead.id, action: 'search' });
        assert.deepEqual(audited.items.map((e) => e.personId).sort(), [place.ada, place.bert].sort());
        const paged = await listBreakGlassForReview(ig, { limit: 1 });
        assert.equal(paged.items.length, 1);
        const next = await listBreakGlassForReview(ig, { limit: 1, cursor: paged.nextCursor! });
        assert.deepEqual([next.items.length, next.nextCursor], [1, null]);
      });

      await t.test('review: appropriate or inappropriate, once, never by the person who opened it', async () => {
        const { items } = await listBreakGlassForReview(ig);
        const target = items.find((b) => b.personId === place.ada)!;
        await assert.rejects(reviewBreakGlass(gp, target.id, 'appropriate'), { code: 'SEAMLESS_ERR_GOVERNANCE_BREAK_GLASS_OWN_REVIEW' });
        const reviewed = await reviewBreakGlass(ig, target.id, 'appropriate', 'Emergency confirmed with the ward');
        assert.deepEqual([reviewed.reviewStatus, reviewed.reviewedBy, reviewed.reviewNote], ['appropriate', STAFF.igLead.id, 'Emergency confirmed with the ward']);
        await assert.rejects(reviewBreakGlass(ig, target.id, 'inappropriate'), { code: 'SEAMLESS_ERR_GOVERNANCE_BREAK_GLASS_ALREADY_REVIEWED' });
        await assert.rejects(reviewBreakGlass(ig, 99_999, 'inappropriate'), { code: 'SEAMLESS_ERR_GOVERNANCE_BREAK_GLASS_NOT_FOUND' });
        assert.deepEqual((await listBreakGlassForReview(ig)).items.map((b) => b.personId), [place.bert]);
        assert.deepEqual((await listBreakGlassForReview(ig, { status: 'appropriate' })).items.map((b) => b.personId), [place.ada]);
        const denied = await searchAuditLog(db, { actor: STAFF.gp.id, outcome: 'denied' });
        assert.equal(denied.items.length, 1);
      });

      await place.writer.close();
      assert.equal((await verifyAuditChain(db)).ok, true);
    });
  });
}

test('staff of care providers and voluntary organisations act read-only; statutory and NHS partners do not', async () => {
  const { actorFromStaff } = await import('../auth/actor.service.ts');
  const staff = (employerOrgType: string | null) => actorFromStaff({ id: 'S1', givenName: 'A', familyName: 'B', employerOrgCode: 'X1', role: 'care_coordinator', employerOrgType }, []).readOnly;
  assert.deepEqual(['care_provider', 'voluntary_organisation', 'council', 'acute_trust', 'gp_practice', null].map(staff), [true, true, false, false, false, false]);
});
