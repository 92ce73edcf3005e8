/** Calendar dates the law counts are dates in Asia/Shanghai (UTC+8, no daylight saving). */

/** Today's date in China for an instant. */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
