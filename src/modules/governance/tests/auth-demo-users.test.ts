import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tables } from '../../../kernel/db/database.ts';
import { storeNames, withStore } from '../../../testing/stores.ts';
import { generateSyntheticPlace } from '../../population/index.ts';
import type { AuthTables } from '../auth/auth.tables.ts';
import { createDemoUsers, formatDemoUsers } from '../auth/demo-users.service.ts';
import { setPassword } from '../auth/sign-in.service.ts';
import { STAFF_ROLES } from '../domain/organisation.ts';
import { buildAuthTestApp, seedStaffWithAccounts, signIn } from './auth-support.ts';

/** Demo users: one per role on the place's own staff, idempotent, and each can sign in. */
for (const store of storeNames()) {
  test(`demo users on a generated place on ${store}`, async (t) => {
    await withStore(store, async (db) => {
      await generateSyntheticPlace(db, { people: 300, seed: 7, progress: 'silent' });
      const staffBefore = await tables<AuthTables>(db).selectFrom('staff').select('id').execute();

      const users = await createDemoUsers(db);
      assert.deepEqual(users.map((u) => u.role), [...STAFF_ROLES]);
      assert.deepEqual(users.map((u) => u.username), STAFF_ROLES.map((r) => `demo.${r}`));
      assert.ok(users.every((u) => u.created && u.password && u.password.length >= 12));
      assert.equal(new Set(users.map((u) => u.staffId)).size, STAFF_ROLES.length);
      const staffAfter = await tables<AuthTables>(db).selectFrom('staff').select('id').execute();
      assert.equal(staffAfter.length, staffBefore.length, 'every role already had staff in the generated place');
      const coordinator = users.find((u) => u.role === 'care_coordinator')!;
      assert.ok(coordinator.teams.length > 0, 'a care coordinator works in a team');
      assert.ok(coordinator.orgName.length > 0);

      await t.test('running again creates nothing and reports the same users and passwords', async () => {
        const again = await createDemoUsers(db);
        assert.deepEqual(again.map(({ created, ...u }) => u), users.map(({ created, ...u }) => u));
        assert.ok(again.every((u) => !u.created));
        const accounts = await tables<AuthTables>(db).selectFrom('user_account').select('username').execute();
        assert.equal(accounts.length, STAFF_ROLES.length);
      });

      await t.test('each demo user signs in as their staff member, role and purpose', async () => {
        const app = await buildAuthTestApp(db);
        t.after(() => app.close());
        for (const user of users) {
          const res = await signIn(app, user.username, user.password!);
          assert.equal(res.statusCode, 200, user.username);
          assert.equal(res.json().actor.id, user.staffId);
          assert.equal(res.json().actor.role, user.role);
          assert.equal(res.json().actor.orgCode, user.orgCode);
          assert.deepEqual(res.json().actor.teamCodes, user.teams.map((team) => team.code));
        }
      });

      await t.test('a demo password changed since is not shown', async () => {
        const analyst = users.find((u) => u.role === 'analyst')!;
        await setPassword(db, analyst.staffId, 'a brand new passphrase');
        const again = await createDemoUsers(db);
        assert.equal(again.find((u) => u.role === 'analyst')!.password, undefined);
        assert.match(formatDemoUsers(again), /demo\.analyst\s+\(changed since; not shown\)/);
      });

      await t.test('the console table lists username, password, role, organisation and team', () => {
        const table = formatDemoUsers(users);
        const lines = table.split('\n');
        assert.match(lines[0]!, /^username\s+password\s+role\s+organisation\s+team$/);
        assert.equal(lines.length, STAFF_ROLES.length + 2);
        assert.ok(lines.some((l) => l.startsWith('demo.gp ') && l.includes(users.find((u) => u.role === 'gp')!.password!)));
      });
    });
  });
}

test('demo users: a role nobody has gets a demo staff member at a fitting partner', async () => {
  await withStore('sqlite', async (db) => {
    await seedStaffWithAccounts(db); // a care coordinator, an analyst and an IG lead, all with accounts already
    const users = await createDemoUsers(db);
    const gp = users.find((u) => u.role === 'gp')!;
    assert.equal(gp.staffId, 'DEMO-GP');
    assert.equal(gp.displayName, 'Demo Gp');
    const analyst = users.find((u) => u.role === 'analyst')!;
    assert.equal(analyst.staffId, 'DEMO-ANALYST', 'the only analyst has an account of their own already');
    assert.equal(analyst.orgCode, 'ICB1', 'analysts work for the ICB');
    assert.equal(users.find((u) => u.role === 'social_worker')!.orgCode, 'LA1');
    assert.equal(users.find((u) => u.role === 'spa_call_handler')!.orgCode, 'RY6');
  });
});

test('demo users need partner organisations', async () => {
  await withStore('sqlite', async (db) => {
    await assert.rejects(createDemoUsers(db), { code: 'SEAMLESS_ERR_GOVERNANCE_NO_PARTNERS' });
  });
});
