"use client";
// zod 4 probes for eval (`Function("")`) the first time it compiles a schema,
// to decide whether to generate fast parsers. Under the Content-Security-Policy
// (no 'unsafe-eval', proxy.ts) that probe is blocked and reported as a
// violation, so the browser bundle turns the JIT off before any schema runs.
import { z } from "zod";

z.config({ jitless: true });

export function ZodJitless() {
  return null;
}
