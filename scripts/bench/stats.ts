/** Small statistics and number formatting for the benchmark's table (scripts/bench/main.ts). */

export interface Stats {
  n: number;
  median: number;
  min: number;
  max: number;
  p10: number;
  p90: number;
  samples: number[];
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    n: sorted.length,
    median: r(quantile(sorted, 0.5)),
    min: r(sorted[0] ?? Number.NaN),
    max: r(sorted.at(-1) ?? Number.NaN),
    p10: r(quantile(sorted, 0.1)),
    p90: r(quantile(sorted, 0.9)),
    samples: samples.map(r),
  };
}

export const ms = (x: number) => `${Math.round(x)} ms`;
export const spread = (s: Stats) => `min ${Math.round(s.min)} · p10 ${Math.round(s.p10)} · p90 ${Math.round(s.p90)} · max ${Math.round(s.max)} (n=${s.n})`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
