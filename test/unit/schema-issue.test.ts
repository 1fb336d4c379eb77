import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as v from 'valibot';
import { schemaProblem } from '../../scripts/lib/results/schema-issue.ts';

const Schema = v.object({
  rows: v.array(v.object({ p95Ms: v.nullable(v.number()), kind: v.picklist(['a', 'b', 'c']), 'odd key': v.optional(v.string()) })),
  cause: v.nullable(v.variant('id', [v.object({ id: v.literal('x'), values: v.object({ n: v.number() }) }), v.object({ id: v.literal('y') })])),
  flag: v.picklist(['on', 'off']),
});

const problem = (input: unknown) => {
  const parsed = v.safeParse(Schema, input);
  if (parsed.success) throw new Error('expected a problem');
  return schemaProblem(Schema, parsed.issues[0], input);
};
const ok = { rows: [{ p95Ms: 1, kind: 'a' }], cause: null, flag: 'on' };

test('names the field as code would, and what the whole field accepts (a nullable number is "a number or null")', () => {
  assert.equal(problem({ ...ok, rows: [ok.rows[0], { p95Ms: 'fast', kind: 'a' }] }), { path: 'rows[1].p95Ms', expected: 'a number or null', found: '"fast"' });
});

test('lists the known names of a picklist, and says so when a field is missing', () => {
  assert.equal(problem({ ...ok, rows: [{ p95Ms: 1, kind: 'z' }] }), { path: 'rows[0].kind', expected: 'one of a, b, c', found: '"z"' });
  assert.equal(problem({ rows: [], cause: null }), { path: 'flag', expected: '"on" or "off"', found: 'nothing (the field is missing)' });
});

test('walks into the variant its id picks; an unknown id names the id', () => {
  assert.equal(problem({ ...ok, cause: { id: 'x', values: { n: '1' } } }), { path: 'cause.values.n', expected: 'a number', found: '"1"' });
  assert.equal(problem({ ...ok, cause: { id: 'w' } }).path, 'cause.id');
});

test('a key that is not a name is quoted; a wrong container is named', () => {
  assert.equal(problem({ ...ok, rows: [{ p95Ms: 1, kind: 'a', 'odd key': 5 }] }).path, 'rows[0]["odd key"]');
  assert.equal(problem({ ...ok, rows: {} }), { path: 'rows', expected: 'a list', found: 'an object' });
});

test.run();
