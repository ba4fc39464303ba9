import { createHash } from 'node:crypto';

const NAMESPACE = Buffer.from('6f1c2b8e4a3d4f5e9b7c1d2e3f4a5b6c', 'hex');

/**
 * A name-based (version 5) UUID: the same name always gives the same id, so a replayed saga
 * step or a re-sent command produces events that the store recognises as already written.
 */
export function deterministicUuid(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
