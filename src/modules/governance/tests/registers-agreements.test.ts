import assert from 'node:assert/strict';
import { test } from 'node:test';
import { storeNames, withStore } from '../../../testing/stores.ts';
import {
  createAgreement, findAgreementsInForce, getAgreement, grantsFor, isAgreementInForce, listAgreements, listExpiringAgreements,
  updateAgreement, validateAgreementInput, type Agreement, type AgreementInput,
} from '../registers/index.ts';
import { searchAuditLog } from '../audit/index.ts';
import { ORGS, seedIgPlace, STAFF } from './registers-fixtures.ts';

const base: AgreementInput = {
  title: 'Northshire integrated care record',
  legalBasis: 'UK GDPR Art. 6(1)(e) and 9(2)(h); implied consent for direct care',
  purposes: ['direct_care'],
  dataCategories: ['community', 'social_care'],
  startDate: '2026-04-01',
  endDate: '2027-03-31',
  parties: [ORGS.council, ORGS.community],
};

const codeOf = (fn: () => unknown) => {
  try { fn(); } catch (e) { return (e as { code: string }).code; }
  return 'ok';
};

test('agreement validation: each problem has its own code and a clear message', () => {
  const cases: [string, Partial<AgreementInput>, string][] = [
    ['valid', {}, 'ok'],
    ['end before start', { endDate: '2026-03-31' }, 'SEAMLESS_ERR_GOVERNANCE_AGREEMENT_DATES'],
    ['end on start (one-day agreement)', { endDate: '2026-04-01' }, 'ok'],
    ['not a date', { startDate: '2026-02-30' }, 'SEAMLESS_ERR_GOVERNANCE_AGREEMENT_DATES'],
    ['one party', { parties: [ORGS.council] }, 'SEAMLESS_ERR_GOVERNANCE_AGREEMENT_PARTIES'],
    ['the same party twice', { parties: [ORGS.council, 'la1'] }, 'SEAMLESS_ERR_GOVERNANCE_AGREEMENT_PARTIES'],
    ['unknown category', { dataCategories: ['community', 'dental'] }, 'SEAMLESS_ERR_GOVERNANCE_UNKNOWN_CATEGORY'],
    ['no category', { dataCategories: [] }, 'SEAMLESS_ERR_GOVERNANCE_UNKNOWN_CATEGORY'],
    ['unknown purpose', { purposes: ['marketing'] }, 'SEAMLESS_ERR_GOVERNANCE_UNKNOWN_PURPOSE'],
    ['administration is not a sharing purpose', { purposes: ['administration'] }, 'SEAMLESS_ERR_GOVERNANCE_UNKNOWN_PURPOSE'],
    ['no title', { title: '  ' }, 'SEAMLESS_ERR_GOVERNANCE_AGREEMENT_INVALID'],
    ['no legal basis', { legalBasis: '' }, 'SEAMLESS_ERR_GOVERNANCE_AGREEMENT_INVALID'],
    ['unknown status', { status: 'maybe' }, 'SEAMLESS_ERR_GOVERNANCE_AGREEMENT_INVALID'],
  ];
  for (const [name, change, expected] of cases) assert.equal(codeOf(() => validateAgreementInput({ ...base, ...change })), expected, name);
  assert.throws(() => validateAgreementInput({ ...base, endDate: '2026-03-31' }), /end date 2026-03-31 is before the start date 2026-04-01/);
});

test('in force: active, start and end dates inclusive', () => {
  const a = { status: 'active' as const, startDate: '2026-04-01', endDate: '2027-03-31' };
  const table: [string, boolean][] = [['2026-03-31', false], ['2026-04-01', true], ['2026-10-01', true], ['2027-03-31', true], ['2027-04-01', false]];
  for (const [day, expected] of table) assert.equal(isAgreementInForce(a, day), expected, day);
  assert.equal(isAgreementInForce({ ...a, status: 'suspended' as never }, '2026-10-01'), false);
  assert.equal(isAgreementInForce({ ...a, status: 'draft' as never }, '2026-10-01'), false);
});

test('grants are per agreement: two agreements do not combine their purposes and categories', () => {
  const mk = (id: number, purposes: Agreement['purposes'], dataCategories: Agreement['dataCategories']): Agreement => ({
    id, title: 't', legalBasis: 'l', purposes, dataCategories, startDate: '2026-01-01', endDate: '2026-12-31', status: 'active',
    parties: ['A', 'B'], createdBy: 'x', createdAt: 'x', updatedBy: null, updatedAt: null,
  });
  const grants = grantsFor('A', [mk(1, ['direct_care'], ['acute']), mk(2, ['planning'], ['mental_health'])], '2026-06-01');
  assert.deepEqual(grants.map((g) => [g.sourceOrg, g.purposes, g.categories]), [['B', ['direct_care'], ['acute']], ['B', ['planning'], ['mental_health']]]);
});

for (const store of storeNames()) {
  test(`agreements register on ${store}`, async (t) => {
    await withStore(store, async (db) => {
      const place = await seedIgPlace(db);
      const ig = place.scope(STAFF.igLead);
      const now = new Date('2026-06-15T10:00:00Z');

      await t.test('create stores the agreement with its parties, and audits it', async () => {
        const created = await createAgreement(ig, base, { now });
        assert.equal(created.title, base.title);
        assert.deepEqual(created.parties, [ORGS.council, ORGS.community].sort());
        assert.deepEqual(created.dataCategories, ['community', 'social_care']);
        assert.equal(created.status, 'active');
        assert.equal(created.createdBy, STAFF.igLead.id);
        assert.equal(created.inForce, true);
        assert.equal(created.expiring, false);
        const audit = await searchAuditLog(db, { actor: STAFF.igLead.id, action: 'admin' });
        assert.equal(audit.items.length, 1);
        assert.match(audit.items[0]!.detail!, new RegExp(`created agreement ${created.id}`));
      });

      await t.test('unknown organisations are refused and named', async () => {
        await assert.rejects(createAgreement(ig, { ...base, parties: [ORGS.council, 'ZZZ99'] }, { now }),
          (e: { code: string; message: string }) => e.code === 'SEAMLESS_ERR_GOVERNANCE_UNKNOWN_ORGANISATION' && /'ZZZ99'/.test(e.message));
      });

      await t.test('update replaces the terms and the parties', async () => {
        const [first] = await listAgreements(db, {}, { now });
        const updated = await updateAgreement(ig, first!.id, { ...base, parties: [ORGS.council, ORGS.community, ORGS.acute], purposes: ['direct_care', 'planning'] }, { now });
        assert.deepEqual(updated.parties, [ORGS.council, ORGS.acute, ORGS.community].sort());
        assert.deepEqual(updated.purposes, ['direct_care', 'planning']);
        assert.equal(updated.updatedBy, STAFF.igLead.id);
        await assert.rejects(updateAgreement(ig, 99_999, base, { now }), { code: 'SEAMLESS_ERR_GOVERNANCE_AGREEMENT_NOT_FOUND' });
        await assert.rejects(getAgreement(db, 99_999), { code: 'SEAMLESS_ERR_GOVERNANCE_AGREEMENT_NOT_FOUND' });
        // Put it back for the tests below.
        await updateAgreement(ig, first!.id, base, { now });
      });

      await t.test('findAgreementsInForce: what an organisation may see, on which days', async () => {
        await createAgreement(ig, {
          ...base, title: 'Hospital discharge', parties: [ORGS.acute, ORGS.community], dataCategories: ['acute'], startDate: '2026-01-01', endDate: '2026-06-30',
        }, { now });
        await createAgreement(ig, { ...base, title: 'Suspended one', parties: [ORGS.acute, ORGS.community], dataCategories: ['mental_health'], status: 'suspended' }, { now });
        const onDay = async (day: string) => (await findAgreementsInForce(db, ORGS.community, day)).map((g) => `${g.sourceOrg}:${g.categories.join('+')}:${g.purposes.join('+')}`);
        assert.deepEqual(await onDay('2026-03-31'), [`${ORGS.acute}:acute:direct_care`]);
        assert.deepEqual(await onDay('2026-04-01'), [`${ORGS.council}:community+social_care:direct_care`, `${ORGS.acute}:acute:direct_care`].sort());
        assert.deepEqual(await onDay('2026-06-30'), [`${ORGS.council}:community+social_care:direct_care`, `${ORGS.acute}:acute:direct_care`].sort());
        assert.deepEqual(await onDay('2026-07-01'), [`${ORGS.council}:community+social_care:direct_care`]);
        assert.deepEqual(await onDay('2027-03-31'), [`${ORGS.council}:community+social_care:direct_care`]);
        assert.deepEqual(await onDay('2027-04-01'), []);
        assert.deepEqual(await findAgreementsInForce(db, ORGS.practice, '2026-06-15'), []);
        await assert.rejects(findAgreementsInForce(db, ORGS.community, '15/06/2026'), { code: 'SEAMLESS_ERR_GOVERNANCE_AGREEMENT_DATES' });
      });

      await t.test('expiry warnings: active agreements ending within 30 days (configurable), edges inclusive', async () => {
        const names = async (today: string, warningDays?: number) =>
          (await listExpiringAgreements(db, { now: new Date(`${today}T12:00:00Z`), warningDays })).map((a) => a.title);
        assert.deepEqual(await names('2026-05-31'), ['Hospital discharge']); // ends 2026-06-30: 30 days
        assert.deepEqual(await names('2026-05-30'), []); // 31 days
        assert.deepEqual(await names('2026-06-30'), ['Hospital discharge']); // ends today
        assert.deepEqual(await names('2026-07-01'), []); // ended
        assert.deepEqual(await names('2026-05-01', 60), ['Hospital discharge']);
        const listed = await listAgreements(db, {}, { now: new Date('2026-06-20T00:00:00Z') });
        const discharge = listed.find((a) => a.title === 'Hospital discharge')!;
        assert.deepEqual([discharge.expiring, discharge.daysToEnd, discharge.inForce], [true, 10, true]);
        assert.equal(listed.find((a) => a.title === 'Suspended one')!.expiring, false);
      });

      await t.test('list filters by organisation, status and day in force', async () => {
        const titles = async (filter: Parameters<typeof listAgreements>[1]) => (await listAgreements(db, filter, { now })).map((a) => a.title).sort();
        assert.deepEqual(await titles({ orgCode: ORGS.council }), [base.title]);
        assert.deepEqual(await titles({ status: 'suspended' }), ['Suspended one']);
        assert.deepEqual(await titles({ inForceOn: '2026-07-01' }), [base.title]);
      });
      await place.writer.close();
    });
  });
}
