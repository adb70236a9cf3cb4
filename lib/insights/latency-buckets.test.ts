// The documented precision of the rollups' median and p90: a latency from 1 s
// to 194 days reads back within a factor 2^(1/8) (about ±9 %); quantiles are
// by nearest rank over summed histograms.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addToHistogram, bucketOf, bucketRange, bucketValueSeconds, MAX_BUCKET, quantileSeconds, type Histogram } from "@/lib/insights/latency-buckets";

describe("latency buckets", () => {
  it("every latency from 1 s to 2^24 s falls in a bucket whose value is within 2^(1/8) of it", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 2 ** 24 - 1, noNaN: true }), (seconds) => {
        const bucket = bucketOf(seconds * 1000);
        const { lower, upper } = bucketRange(bucket);
        expect(seconds).toBeGreaterThanOrEqual(lower * (1 - 1e-12));
        expect(seconds).toBeLessThan(upper * (1 + 1e-12));
        const ratio = bucketValueSeconds(bucket) / seconds;
        expect(Math.max(ratio, 1 / ratio)).toBeLessThanOrEqual(2 ** (1 / 8) + 1e-9);
      }),
    );
  });

  it("puts sub-second and negative latencies in bucket 0 and very long ones in the last", () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(-5000)).toBe(0);
    expect(bucketOf(999)).toBe(0);
    expect(bucketOf(1000)).toBe(1);
    expect(bucketOf(2 ** 30 * 1000)).toBe(MAX_BUCKET);
  });

  it("takes the nearest-rank quantile of a summed histogram", () => {
    const h: Histogram = new Map();
    for (const s of [60, 120, 600, 3600]) addToHistogram(h, bucketOf(s * 1000), 1);
    expect(quantileSeconds(h, 0.5)).toBe(bucketValueSeconds(bucketOf(120_000)));
    expect(quantileSeconds(h, 0.9)).toBe(bucketValueSeconds(bucketOf(3_600_000)));
    expect(quantileSeconds(new Map(), 0.5)).toBeNull();
  });
});
