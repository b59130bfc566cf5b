import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyticsSections, chooseTeam, mayUseAnalytics, mayUseCaseFinding, seesIdentities } from './analytics-access.ts';

const analyst = { purpose: 'planning', teamCodes: [] } as const;
const coordinator = { purpose: 'direct_care', teamCodes: ['T-INT', 'T-REABLE'] } as const;
const noTeam = { purpose: 'direct_care', teamCodes: [] } as const;
const igLead = { purpose: 'administration', teamCodes: [] } as const;

test('planning and direct-care users use the population health screens; case finding needs a team in direct care', () => {
  assert.equal(mayUseAnalytics(analyst), true);
  assert.equal(mayUseAnalytics(coordinator), true);
  assert.equal(mayUseAnalytics(igLead), false);
  assert.equal(mayUseCaseFinding(coordinator), true);
  assert.equal(mayUseCaseFinding(noTeam), false);
  assert.equal(mayUseCaseFinding(analyst), true);
  assert.equal(seesIdentities(coordinator), true);
  assert.equal(seesIdentities(analyst), false);
  assert.deepEqual(analyticsSections(coordinator).map((s) => s.label), ['Dashboard', 'Case finding', 'Cohorts', 'Evaluation']);
  assert.deepEqual(analyticsSections(noTeam).map((s) => s.to), ['/analytics', '/analytics/cohorts', '/analytics/evaluation']);
  assert.deepEqual(analyticsSections(igLead), []);
});

test("the team is one of the user's own", () => {
  assert.equal(chooseTeam(coordinator, 'T-REABLE'), 'T-REABLE');
  assert.equal(chooseTeam(coordinator, 'T-OTHER'), 'T-INT');
  assert.equal(chooseTeam(coordinator, null), 'T-INT');
  assert.equal(chooseTeam(noTeam, 'T-INT'), undefined);
  assert.equal(chooseTeam(analyst, 'T-INT'), undefined);
});
