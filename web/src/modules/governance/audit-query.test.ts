import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditSearchHref, nextPage, previousPage, readAuditSearch } from './audit-query.ts';

test('an audit search round-trips through the URL, and pages go forward and back', () => {
  const first = readAuditSearch(new URLSearchParams('actor=S1&person=42&action=read&from=2026-01-01&junk=1&person2=3'));
  assert.deepEqual(first, { query: { actor: 'S1', person: 42, action: 'read', from: '2026-01-01' }, cursor: undefined, trail: [] });
  assert.equal(auditSearchHref(first), '/governance/audit?actor=S1&person=42&action=read&from=2026-01-01');

  const second = nextPage(first, 900);
  assert.equal(auditSearchHref(second), '/governance/audit?actor=S1&person=42&action=read&from=2026-01-01&cursor=900&trail=0');
  const third = nextPage(readAuditSearch(new URL(`http://x${auditSearchHref(second)}`).searchParams), 850);
  assert.deepEqual(third.trail, [0, 900]);
  assert.equal(previousPage(third).cursor, 900);
  assert.deepEqual(previousPage(previousPage(third)), first);

  assert.deepEqual(readAuditSearch(new URLSearchParams('person=abc&cursor=-1&trail=1,x&limit=5')), { query: {}, cursor: undefined, trail: [] });
  const small = nextPage(readAuditSearch(new URLSearchParams('limit=10&outcome=denied')), 77);
  assert.equal(auditSearchHref(small), '/governance/audit?outcome=denied&limit=10&cursor=77&trail=0');
});
