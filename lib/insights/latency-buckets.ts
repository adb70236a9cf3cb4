// Decision latencies are kept as counts in fixed log-scale buckets, so a day's
// rollup row can be added to any other and a median or p90 still comes out of
// the sum. Bucket 0 holds latencies under one second; bucket k (1..MAX) holds
// [2^((k-1)/4), 2^(k/4)) seconds, a quarter octave each (every bucket's upper
// edge is 2^(1/4), about 1.19 times its lower one); the last bucket holds
// everything from 2^(MAX/4) seconds (about 194 days) up. A quantile is
// reported as the geometric middle of the bucket the exact quantile falls in,
// so it is within a factor 2^(1/8) (about ±9 %) of the exact value.

/** Buckets per doubling of the latency. */
const PER_OCTAVE = 4;
/** The last bucket: 2^24 s (194 days) and longer. */
export const MAX_BUCKET = 24 * PER_OCTAVE + 1;

/** The bucket of a latency in milliseconds (negative clock skew counts as zero). */
export function bucketOf(latencyMs: number): number {
  const seconds = latencyMs / 1000;
  if (!(seconds >= 1)) return 0;
  return Math.min(MAX_BUCKET, Math.floor(Math.log2(seconds) * PER_OCTAVE) + 1);
}

/** The bucket's edges in seconds: [lower, upper). */
export function bucketRange(bucket: number): { lower: number; upper: number } {
  if (bucket <= 0) return { lower: 0, upper: 1 };
  return { lower: 2 ** ((bucket - 1) / PER_OCTAVE), upper: bucket >= MAX_BUCKET ? Infinity : 2 ** (bucket / PER_OCTAVE) };
}

/** The value a bucket stands for, in seconds: its geometric middle (0.5 s for the first, the lower edge for the last). */
export function bucketValueSeconds(bucket: number): number {
  if (bucket <= 0) return 0.5;
  if (bucket >= MAX_BUCKET) return bucketRange(bucket).lower;
  return 2 ** ((bucket - 0.5) / PER_OCTAVE);
}

/** A histogram: bucket -> count. */
export type Histogram = Map<number, number>;

export function addToHistogram(into: Histogram, bucket: number, count: number): void {
  into.set(bucket, (into.get(bucket) ?? 0) + count);
}

/**
 * The q-quantile (0 < q <= 1) in seconds by nearest rank: the value of the
 * bucket holding the ceil(q * n)-th smallest latency. Null for no latencies.
 */
export function quantileSeconds(histogram: Histogram, q: number): number | null {
  let total = 0;
  for (const count of histogram.values()) total += count;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bucket)!;
    if (seen >= rank) return bucketValueSeconds(bucket);
  }
  return bucketValueSeconds(MAX_BUCKET);
}
