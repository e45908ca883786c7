import type { ValueTransformer } from 'typeorm';

/** Epoch milliseconds stored as BIGINT; PostgreSQL hands BIGINT back as a string, this turns it into a number. */
export const epochMs: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
