/**
 * Small helpers shared by bench/translate.ts and bench/exhaustive.ts: medians and tables.
 */

/** Median of a list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Print rows as a right-aligned table (first column left-aligned). */
export function printTable(rows: readonly (readonly string[])[]): void {
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((x, c) => (c === 0 ? x.padEnd(w[c]) : x.padStart(w[c]))).join('  '));
}
