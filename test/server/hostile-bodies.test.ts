// Request bodies go through the reader every input uses: a YAML alias bomb or a body nested past the limit is a
// 400 at once, not hundreds of megabytes or an internal error later; duplicate fields are left to strict field
// validation, which reports them as kube-apiserver does.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeObject, maxBodyBytes } from '../../server/http/request.ts';
import { StatusError } from '../../server/http/status.ts';

function badRequest(body: string, type: string): StatusError {
  try {
    decodeObject(Buffer.from(body), type);
  } catch (err) {
    assert.ok(err instanceof StatusError, String(err));
    assert.equal(err.code, 400);
    return err;
  }
  assert.fail('the body was accepted');
}

const head = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n';

describe('hostile request bodies', () => {
  it('a YAML body whose 90 aliases repeat a 100 KB value (9 MB once expanded) is refused', () => {
    const aliases = Array.from({ length: 90 }, (_, i) => `  k${i}: *big\n`).join('');
    const body = `${head}  big: &big ${'x'.repeat(100_000)}\n${aliases}`;
    assert.ok(body.length < maxBodyBytes);
    const err = badRequest(body, 'application/yaml');
    assert.match(
      err.message,
      /^error converting YAML to JSON: alias \*big takes the document past what aliases may add/,
    );
  });

  it('a JSON body nested 5,000 levels deep is refused without quoting the body', () => {
    const body = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"x":${'['.repeat(5_000)}${']'.repeat(5_000)}}`;
    const err = badRequest(body, 'application/json');
    assert.equal(err.message, "couldn't get version/kind; json parse error: nested deeper than 128 levels");
  });

  it('duplicate fields are decoded (the last wins) for strict field validation to report', () => {
    const json = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","name":"b"}}';
    assert.deepEqual(decodeObject(Buffer.from(json), 'application/json').metadata, { name: 'b' });
    const yaml = `${head}  k: 1\n  k: 2\n`;
    assert.deepEqual(decodeObject(Buffer.from(yaml), 'application/yaml').data, { k: 2 });
  });

  it('a JSON syntax error says what is wrong without quoting the body', () => {
    const err = badRequest('{"kind": "Secret", "data": {"token": c2VjcmV0}}', 'application/json');
    assert.match(err.message, /^couldn't get version\/kind; json parse error: Unexpected token 'c'/);
    assert.ok(!err.message.includes('c2VjcmV0'), err.message);
  });
});
