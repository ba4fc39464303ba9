import { describe, it } from 'node:test';
import { expect } from 'expect';
import { KurrentDbUnreachableError, openKurrentDbEventStore, redactKurrentDbUrl } from './kurrentdb-connection';

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

describe('opening the KurrentDB event store', () => {
  it('says in one line that the server cannot be reached', async () => {
    const error = await failureOf(openKurrentDbEventStore('kurrentdb://127.0.0.1:1?tls=false'));
    expect(error).toBeInstanceOf(KurrentDbUnreachableError);
    expect(error.message).toBe(
      'Cannot reach KurrentDB at kurrentdb://127.0.0.1:1?tls=false (unavailable): start it or set KURRENTDB_URL',
    );
  });

  it('hints at tls=false when the URL asks for TLS, and hides the password', async () => {
    const error = await failureOf(openKurrentDbEventStore('kurrentdb://admin:changeit@127.0.0.1:1'));
    expect(error.message).toMatch(
      /^Cannot reach KurrentDB at kurrentdb:\/\/admin:\*\*\*@127\.0\.0\.1:1 \(.+\): start it or set KURRENTDB_URL/,
    );
    expect(error.message).toMatch(/add \?tls=false for a server started with --insecure\)$/);
    expect(error.message).not.toContain('changeit');
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('says in one line that the URL is not a connection string', async () => {
    const error = await failureOf(openKurrentDbEventStore('http://127.0.0.1:2113'));
    expect(error).toBeInstanceOf(KurrentDbUnreachableError);
    expect(error.message).toMatch(/^KURRENTDB_URL http:\/\/127\.0\.0\.1:2113 is not usable: /);
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('redacts passwords also in URLs that list several nodes', () => {
    expect(redactKurrentDbUrl('kurrentdb+discover://ops:s3cret@a:2113,b:2113?tls=true')).toBe(
      'kurrentdb+discover://ops:***@a:2113,b:2113?tls=true',
    );
    expect(redactKurrentDbUrl('kurrentdb://a:2113')).toBe('kurrentdb://a:2113');
  });
});
