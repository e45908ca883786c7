import type { ValueTransformer } from 'typeorm';
import { jsonOncePerObject } from '../common/json-once.js';

/** Epoch milliseconds stored as BIGINT; PostgreSQL hands BIGINT back as a string, this turns it into a number. */
export const epochMs: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/**
 * A JSON value (an array or an object) stored as text, each value serialised once: a session's queue snapshot and its
 * current item's details are replaced when they change, never changed in place, and their JSON (~120 KB and ~270 µs
 * for the 401 items the proxy keeps of a long queue) would otherwise be made again with every save of the session,
 * i.e. every progress report.
 */
export function jsonOnce<T extends object>(): ValueTransformer {
  const json = jsonOncePerObject<T>();
  return {
    to: (value: T | null | undefined) => (typeof value === 'object' && value !== null ? json(value) : value),
    from: (value: string | T | null) => (typeof value === 'string' ? (JSON.parse(value) as T) : value),
  };
}
