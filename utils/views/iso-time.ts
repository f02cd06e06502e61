/** A machine-readable time for `<time dateTime>`, or undefined for a time that is not one. */
export function isoTime(ms: number): string | undefined {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
