import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchPath } from './router.tsx';

test('route patterns match whole paths and decode their parameters', () => {
  assert.deepEqual(matchPath('/people/:id', '/people/42'), { id: '42' });
  assert.deepEqual(matchPath('/people/:id', '/people/42/'), { id: '42' });
  assert.deepEqual(matchPath('/people/:id', '/people/a%20b'), { id: 'a b' });
  assert.equal(matchPath('/people/:id', '/people'), undefined);
  assert.equal(matchPath('/people/:id', '/people/42/timeline'), undefined);
  assert.deepEqual(matchPath('/', '/'), {});
});
