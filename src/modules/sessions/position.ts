/** A position never past the end of an item whose duration is known. */
export function cappedToDuration(positionMs: number, durationMs: number | null | undefined): number {
  return durationMs !== null && durationMs !== undefined && durationMs > 0 ? Math.min(positionMs, durationMs) : positionMs;
}
