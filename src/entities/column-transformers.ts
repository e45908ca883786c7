import type { ValueTransformer } from 'typeorm';
import { jsonOncePerObject } from '../common/json-once.js';

/** Epoch milliseconds stored as BIGINT; PostgreSQL hands BIGINT back as a string, this turns it into a number. */
export const epochMs: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/**
 * A JSON array stored as text, each array serialised once: a session's queue snapshot is replaced on every queue
 * change and never changed in place, and its JSON (~120 KB and ~270 µs for the 401 items the proxy keeps of a long
 * queue) would otherwise be made again with every save of the session, i.e. every progress report.
 */
export function jsonOncePerArray<T>(): ValueTransformer {
  const json = jsonOncePerObject<readonly T[]>();
  return {
    to: (value: readonly T[] | null | undefined) => (Array.isArray(value) ? json(value) : value),
    from: (value: string | T[] | null) => (typeof value === 'string' ? (JSON.parse(value) as T[]) : value),
  };
}
