// The HTTP client's pure pieces: Retry-After forms, Warning header parsing, which requests are safe to repeat,
// the backoff's bounds, redaction, and the error guards.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ApiError,
  isAlreadyExists,
  isConflict,
  isNotFound,
  NotServedError,
  isRetryableStatus,
  isSafeToRepeat,
  parseRetryAfter,
  parseWarnings,
  redact,
  type ApiRequest,
} from '@kubegen/runtime';

describe('runtime client pieces', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('3', now), 3);
    assert.equal(parseRetryAfter(['0'], now), 0);
    assert.equal(parseRetryAfter(' 12 ', now), 12);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now), 5);
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now), 0, 'a date in the past means now');
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter('', now), undefined);
  });

  it('parses Warning headers: several per value, escaped quotes, an optional date, other codes skipped', () => {
    assert.deepEqual(parseWarnings('299 - "policy/v1beta1 PodSecurityPolicy is deprecated in v1.21+"'), [
      'policy/v1beta1 PodSecurityPolicy is deprecated in v1.21+',
    ]);
    assert.deepEqual(
      parseWarnings([
        '299 - "a, b", 299 kube-apiserver "say \\"hi\\""',
        '299 - "dated" "Sat, 01 Jan 2000 00:00:00 GMT"',
      ]),
      ['a, b', 'say "hi"', 'dated'],
    );
    assert.deepEqual(parseWarnings('199 - "miscellaneous", 299 - "kept"'), ['kept']);
    assert.deepEqual(parseWarnings('not in the RFC form'), ['not in the RFC form'], 'kept whole rather than lost');
  });

  it('repeats only GET and HEAD reads, and only 429 and 5xx other than 501', () => {
    const req = (verb: string, method: ApiRequest['method']): ApiRequest => ({ verb, method, path: '/x' });
    for (const r of [req('get', 'GET'), req('list', 'GET'), req('watch', 'GET'), req('get', 'HEAD')])
      assert.ok(isSafeToRepeat(r), `${r.verb} ${r.method}`);
    for (const r of [
      req('create', 'POST'),
      req('update', 'PUT'),
      req('patch', 'PATCH'),
      req('delete', 'DELETE'),
      req('deletecollection', 'DELETE'),
      req('connect', 'GET'),
      req('connect', 'POST'),
      req('get', 'POST'),
    ]) {
      assert.ok(!isSafeToRepeat(r), `${r.verb} ${r.method}`);
    }
    assert.deepEqual([429, 500, 502, 503, 504].map(isRetryableStatus), [true, true, true, true, true]);
    assert.deepEqual([400, 401, 403, 404, 409, 410, 422, 501].map(isRetryableStatus), Array(8).fill(false));
  });

  it('redacts every secret occurrence, leaving too-short ones alone', () => {
    assert.equal(redact('Bearer abcd1234 and again abcd1234', ['abcd1234']), 'Bearer [redacted] and again [redacted]');
    assert.equal(redact('a b c', ['b']), 'a b c');
    assert.equal(redact('nothing here', []), 'nothing here');
  });
});

describe('error guards and NotServedError', () => {
  it('narrow to ApiError, so a caller reads status and reason without instanceof', () => {
    const site = { verb: 'get', method: 'GET', path: '/api/v1/namespaces/default/pods/web' };
    const err: unknown = new ApiError(
      site,
      404,
      { kind: 'Status', reason: 'NotFound', message: 'pods "web" not found' },
      '',
    );
    assert.ok(isNotFound(err));
    const narrowed: ApiError = err;
    assert.deepEqual([narrowed.status, narrowed.reason], [404, 'NotFound']);
    const conflict: unknown = new ApiError(site, 409, { kind: 'Status', reason: 'AlreadyExists' }, '');
    assert.deepEqual(
      [isConflict(conflict), isAlreadyExists(conflict), isNotFound(new Error('x'))],
      [false, true, false],
    );
    // One-sided: `!isConflict(e)` leaves an ApiError an ApiError (the typecheck of this file holds it).
    if (conflict instanceof ApiError && isAlreadyExists(conflict) && !isConflict(conflict)) {
      const status: number = conflict.status;
      assert.equal(status, 409);
    } else assert.fail('409 AlreadyExists is AlreadyExists and not Conflict');
  });

  it('NotServedError names the group-version and what is served', () => {
    const err = new NotServedError('flowcontrol.apiserver.k8s.io/v1beta3', ['flowcontrol.apiserver.k8s.io/v1']);
    assert.equal(
      err.message,
      'group-version flowcontrol.apiserver.k8s.io/v1beta3 is not served by this cluster (served: flowcontrol.apiserver.k8s.io/v1)',
    );
    assert.deepEqual(
      [err.name, err.apiVersion, err.served],
      ['NotServedError', 'flowcontrol.apiserver.k8s.io/v1beta3', ['flowcontrol.apiserver.k8s.io/v1']],
    );
    assert.match(new NotServedError('batch/v2', []).message, /\(served: no version of this group\)$/);
    assert.match(new NotServedError('batch/v2', undefined).message, /\(served: unknown\)$/);
    assert.ok(err instanceof Error);
  });
});
