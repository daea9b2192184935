// Kubernetes' CEL libraries as rules call them: one given/want row per function.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { celEnvironment } from '../../validation/cel/env.ts';
import { fixHasMacros } from '../../validation/cel/has-macro.ts';

function run(expr: string, self: unknown = null): unknown {
  const program = celEnvironment().parse(expr);
  fixHasMacros(program.ast);
  const checked = program.check();
  if (!checked.valid) throw checked.error;
  return program({ self });
}

const cases: [string, unknown][] = [
  ['[1, 2, 3].all(i, v, v > i)', true],
  ['[2, 1].all(i, v, v > i)', false],
  ["{'a': 1, 'b': 2}.exists(k, v, k == 'b' && v == 2)", true],
  ["{'a': 1, 'b': 1}.existsOne(k, v, v == 1)", false],
  ['[5, 6].exists_one(i, v, i == 0)', true],
  ['[1, 2, 3].transformList(i, v, v * i)', [0n, 2n, 6n]],
  ['[1, 2, 3].transformList(i, v, i > 0, v)', [2n, 3n]],
  ["{'a': 1}.transformMap(k, v, v + 1)", new Map([['a', 2n]])],
  ["{'a': 'x'}.transformMapEntry(k, v, {v: k})", new Map([['x', 'a']])],
  ["[{'n': 2, 's': 'b'}, {'n': 1, 's': 'a'}].sortBy(e, e.n).map(e, e.s)", ['a', 'b']],
  ["['bb', 'a', 'ccc'].sortBy(s, size(s))", ['a', 'bb', 'ccc']],
  ["'hello'.charAt(1)", 'e'],
  ["'a.b.c'.replace('.', '/')", 'a/b/c'],
  ["'a.b.c'.replace('.', '/', 1)", 'a/b.c'],
  ["'abc'.reverse()", 'cba'],
  ["'%s has %d items'.format(['list', 3])", 'list has 3 items'],
  ["strings.quote('a\"b')", '"a\\"b"'],
  ["'a,b'.split(',').join('-')", 'a-b'],
  ['[1, 2, 3].isSorted()', true],
  ['[3, 1].isSorted()', false],
  ['[1, 2, 3].sum()', 6n],
  ['[4, 2, 9].min()', 2n],
  ['[4, 2, 9].max()', 9n],
  ["['a', 'b', 'a'].indexOf('a')", 0n],
  ["['a', 'b', 'a'].lastIndexOf('a')", 2n],
  ['[1, 2, 3, 4].slice(1, 3)', [2n, 3n]],
  ['[[1], [2, 3]].flatten()', [1n, 2n, 3n]],
  ['[1, 2, 1].distinct()', [1n, 2n]],
  ['[3, 1, 2].sort()', [1n, 2n, 3n]],
  ['[1, 2].first().value()', 1n],
  ['[].last().hasValue()', false],
  ['lists.range(3)', [0n, 1n, 2n]],
  ["'abc123'.find('[0-9]+')", '123'],
  ["'a1b22'.findAll('[0-9]+')", ['1', '22']],
  ["isURL('https://example.com:8443/a%20b?x=1')", true],
  ["isURL('example.com')", false],
  ["url('https://example.com:8443/p').getScheme()", 'https'],
  ["url('https://example.com:8443/p').getHost()", 'example.com:8443'],
  ["url('https://[::1]:8443/p').getHostname()", '::1'],
  ["url('https://example.com:8443/p').getPort()", '8443'],
  ["url('https://example.com/a%20b').getEscapedPath()", '/a%20b'],
  ["url('https://example.com/?k=v&k=w').getQuery()['k']", ['v', 'w']],
  ["quantity('1Gi').isGreaterThan(quantity('1000M'))", true],
  ["quantity('500m').add(quantity('1.5')).compareTo(quantity('2'))", 0n],
  ["quantity('2k').asInteger()", 2000n],
  ["quantity('1.5').isInteger()", false],
  ["quantity('-3').sign()", -1n],
  ["quantity('250m').asApproximateFloat()", 0.25],
  ["isQuantity('1x')", false],
  ["quantity('1Ki') == quantity('1024')", true],
  ["isIP('10.0.0.1')", true],
  ["isIP('10.0.0.256')", false],
  ["ip('10.0.0.1').family()", 4n],
  ["ip('fe80::1').isLinkLocalUnicast()", true],
  ["ip('127.0.0.1').isLoopback()", true],
  ["ip('8.8.8.8').isGlobalUnicast()", true],
  ["ip.isCanonical('2001:db8::1')", true],
  ["ip.isCanonical('2001:0db8::1')", false],
  ["cidr('10.0.0.0/8').containsIP('10.1.2.3')", true],
  ["cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16')", true],
  ["cidr('10.1.2.3/8').masked() == cidr('10.0.0.0/8')", true],
  ["cidr('10.0.0.0/8').prefixLength()", 8n],
  ["string(cidr('10.0.0.0/8').ip())", '10.0.0.0'],
  ["isCIDR('10.0.0.0/33')", false],
  ["format.dns1123Label().validate('ok-name').hasValue()", false],
  ["format.dns1123Label().validate('Not_OK').value().size() > 0", true],
  ["format.named('uuid').hasValue()", true],
  ["semver('1.2.3').isLessThan(semver('1.10.0'))", true],
  ["semver('v1.2', true).minor()", 2n],
  ["isSemver('1.2')", false],
  ['sets.contains([1, 2, 3], [1, 3])', true],
  ['sets.equivalent([1, 2], [2, 1])', true],
  ['sets.intersects([1], [2])', false],
  ['math.greatest(1, 5, 3)', 5n],
  ['math.least([4, 2])', 2n],
  ["base64.encode(b'hi')", 'aGk='],
  ["string(base64.decode('aGk='))", 'hi'],
  ["self.?a.orValue('none')", 'none'],
  ['has(self.l[0].x)', true],
  ['self.l.exists_one(e, e.x == 1)', true],
  ["timestamp('2024-01-01T00:00:00Z') < timestamp('2025-01-01T00:00:00Z')", true],
  ["duration('1h') > duration('59m')", true],
];

describe('Kubernetes CEL libraries', () => {
  for (const [expr, want] of cases) {
    it(expr, () => assert.deepEqual(run(expr, { l: [{ x: 1n }] }), want));
  }

  it('fails as cel-go does on bad input', () => {
    assert.throws(() => run("url('not a url')"), /URL parse error during conversion from string/);
    assert.throws(() => run("ip('1.2.3')"), /IP Address "1.2.3" parse error during conversion from string/);
    assert.throws(() => run("quantity('x')"), /quantities must match the regular expression/);
  });
});
