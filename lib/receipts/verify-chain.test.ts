// The verifier on chains built in memory: a clean chain passes; each kind of
// tampering is caught and the first broken receipt named.
import { beforeAll, describe, expect, it } from "vitest";
import { CompactSign, exportJWK, generateKeyPair, calculateJwkThumbprint, type JWK } from "jose";
import { canonicalJson, JsonText } from "@/lib/base/canonical-json";
import { MAX_CANONICAL_DEPTH } from "@/lib/base/json-depth";
import { GENESIS_HASH, receiptHash, type ChainReceipt } from "@/lib/receipts/receipt-hash";
import { verifyChain, verifyTailSinceCheckpoint, type CheckpointInput } from "@/lib/receipts/verify-chain";

type Signer = { kid: string; privateKey: CryptoKey; jwk: JWK };

async function newSigner(): Promise<Signer> {
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, jwk: { ...jwk, kid, alg: "EdDSA" } };
}

async function sign(signer: Signer, seq: number, hash: string, at = "2026-01-01T00:00:00.000Z"): Promise<CheckpointInput> {
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify({ seq, hash, signed_at: at })))
    .setProtectedHeader({ alg: "EdDSA", kid: signer.kid })
    .sign(signer.privateKey);
  return { jws };
}

/** Links receipts the way lib/receipts/chain.ts does. */
function link(receipts: Omit<ChainReceipt, "prev_hash" | "hash">[], prev = GENESIS_HASH): ChainReceipt[] {
  return receipts.map((r) => {
    const hash = receiptHash({ ...r, prev_hash: prev });
    const linked = { ...r, prev_hash: prev, hash };
    prev = hash;
    return linked;
  });
}

function draft(seq: number): Omit<ChainReceipt, "prev_hash" | "hash"> {
  return {
    seq,
    id: `r${seq}`,
    kind: seq % 3 === 0 ? "approved" : "proposed",
    proposal_id: `p${Math.ceil(seq / 2)}`,
    actor_type: "user",
    actor_id: "u1",
    actor: { type: "user", id: "u1", email: "dana@example.com", name: "Dana", role: "approver", auth_method: "password" },
    payload: { outcome: "approved", amount: "12.00", nested: { list: [1, 2, seq] } },
    digest: "ab".repeat(32),
    reason: null,
    batch_id: null,
    created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
  };
}

let signer: Signer;
let chain: ChainReceipt[];
let checkpoints: CheckpointInput[];
const jwks = () => ({ keys: [signer.jwk] });

beforeAll(async () => {
  signer = await newSigner();
  chain = link(Array.from({ length: 10 }, (_, i) => draft(i + 1)));
  checkpoints = [await sign(signer, 4, chain[3]!.hash!), await sign(signer, 10, chain[9]!.hash!)];
});

const verify = (receipts: ChainReceipt[], cps = checkpoints, partial = false) => verifyChain({ receipts, checkpoints: cps, jwks: jwks(), partial });

describe("verifyChain", () => {
  it("passes a clean chain and reports its head and last checkpoint", async () => {
    const result = await verify(chain);
    expect(result.ok).toBe(true);
    expect(result).toMatchObject({ checked: 10, headSeq: 10, headHash: chain[9]!.hash, uncovered: 0, checkpoints: 2 });
    expect(result.lastCheckpoint).toMatchObject({ seq: 10, kid: signer.kid });
  });

  it("passes an empty chain, and a checkpoint of the empty chain", async () => {
    expect((await verify([], [await sign(signer, 0, GENESIS_HASH)])).ok).toBe(true);
  });

  it("names an edited field", async () => {
    const edited = chain.map((r) => (r.seq === 6 ? { ...r, reason: "changed afterwards" } : r));
    const result = await verify(edited);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ seq: 6, id: "r6" });
    expect(result.firstBroken!.problem).toMatch(/altered/);
  });

  it("names a deleted receipt", async () => {
    const result = await verify(chain.filter((r) => r.seq !== 7));
    expect(result.firstBroken).toMatchObject({ seq: 7, id: null });
    expect(result.firstBroken!.problem).toMatch(/missing/);
  });

  it("names two swapped receipts", async () => {
    // Swapped in place: each keeps the other's position (and seq).
    const swapped = chain.map((r) => (r.seq === 5 ? { ...chain[5]!, seq: 5 } : r.seq === 6 ? { ...chain[4]!, seq: 6 } : r));
    const result = await verify(swapped);
    expect(result.firstBroken).toMatchObject({ seq: 5, id: "r6" });
    // Swapped lines of a file: out of order.
    const reordered = [...chain.slice(0, 4), chain[5]!, chain[4]!, ...chain.slice(6)];
    expect((await verify(reordered)).firstBroken).toMatchObject({ seq: 5 });
  });

  it("names a forged inserted receipt, even one with a valid hash of its own", async () => {
    const forged = link([{ ...draft(5), id: "forged", kind: "approved" }], chain[3]!.hash!)[0]!;
    const inserted = [...chain.slice(0, 4), forged, ...chain.slice(4).map((r) => r)];
    const result = await verify(inserted);
    expect(result.firstBroken).toMatchObject({ seq: 5 });
    // Renumbering everything after it does not help: the hashes cover seq.
    const renumbered = [...chain.slice(0, 4), forged, ...chain.slice(4).map((r) => ({ ...r, seq: r.seq + 1 }))];
    expect((await verify(renumbered)).firstBroken).toMatchObject({ seq: 6, id: "r5" });
  });

  it("names a truncated tail from the signed checkpoint", async () => {
    const result = await verify(chain.slice(0, 8));
    expect(result.firstBroken).toMatchObject({ seq: 9, id: null });
    expect(result.firstBroken!.problem).toMatch(/truncated/);
  });

  it("catches a chain re-hashed end to end without the key", async () => {
    const rewritten = link(chain.map(({ prev_hash: _p, hash: _h, ...r }) => (r.seq === 2 ? { ...r, reason: "rewritten" } : r)));
    // Links and hashes all check out...
    expect((await verify(rewritten, [])).ok).toBe(true);
    // ...but the signed checkpoints disagree.
    const kept = await verify(rewritten);
    expect(kept.firstBroken).toMatchObject({ seq: 4, id: "r4" });
    expect(kept.firstBroken!.problem).toMatch(/does not match the checkpoint/);
    // New checkpoints signed with another key are not trusted.
    const intruder = await newSigner();
    const resigned = await verify(rewritten, [await sign(intruder, 10, rewritten[9]!.hash!)]);
    expect(resigned.firstBroken!.problem).toMatch(/unknown key/);
  });

  it("refuses a checkpoint whose signature or stored fields were altered", async () => {
    const good = checkpoints[1]!;
    const [h, p, s] = good.jws.split(".");
    const tamperedPayload = Buffer.from(JSON.stringify({ seq: 10, hash: chain[8]!.hash, signed_at: "2026-01-01T00:00:00.000Z" })).toString("base64url");
    const forged = await verify(chain, [{ jws: `${h}.${tamperedPayload}.${s}` }]);
    expect(forged.firstBroken!.problem).toMatch(/invalid signature/);
    expect(p).toBeTruthy();
    const altered = await verify(chain, [{ ...good, seq: 10, hash: chain[8]!.hash! }]);
    expect(altered.firstBroken!.problem).toMatch(/altered/);
  });

  it("accepts receipts written before the chain (no stored hash) and vouches for them by checkpoint", async () => {
    const legacy = chain.slice(0, 3).map((r) => ({ ...r, prev_hash: null, hash: null }));
    const result = await verify([...legacy, ...chain.slice(3)]);
    expect(result).toMatchObject({ ok: true, legacy: 3 });
    // Once the chain has started, a receipt without hashes is broken.
    const stripped = chain.map((r) => (r.seq === 6 ? { ...r, prev_hash: null, hash: null } : r));
    expect((await verify(stripped)).firstBroken).toMatchObject({ seq: 6 });
    // And an edited pre-chain receipt shows at the next link.
    const edited = [{ ...legacy[0]!, reason: "edited" }, ...legacy.slice(1), ...chain.slice(3)];
    expect((await verify(edited)).firstBroken).toMatchObject({ seq: 4 });
  });

  it("checks a partial (filtered) file as far as it can", async () => {
    const filtered = chain.filter((r) => r.kind !== "proposed");
    const result = await verify(filtered, checkpoints, true);
    expect(result).toMatchObject({ ok: true, partial: true });
    const edited = filtered.map((r, i) => (i === 1 ? { ...r, reason: "edited" } : r));
    expect((await verify(edited, checkpoints, true)).firstBroken).toMatchObject({ seq: filtered[1]!.seq });
  });

  it("warns when the newest checkpoint is old", async () => {
    const result = await verifyChain({ receipts: chain, checkpoints, jwks: jwks(), expectCheckpointWithinMs: 60_000, now: new Date("2026-01-02T00:00:00Z") });
    expect(result.ok).toBe(true);
    expect(result.warnings.join(" ")).toMatch(/older than expected/);
  });

  it("fails (not just warns) when no checkpoint at all covers receipts older than the grace period", async () => {
    // Deleting every checkpoint and re-hashing the chain leaves it linking up perfectly.
    const rewritten = link(chain.map((r) => (r.seq === 3 ? { ...r, reason: "rewritten" } : r)));
    const strict = { receipts: rewritten, checkpoints: [], jwks: jwks(), requireCheckpointAfterMs: 660_000 };
    const old = await verifyChain({ ...strict, now: new Date("2026-01-02T00:00:00Z") });
    expect(old.ok).toBe(false);
    expect(old.firstBroken).toMatchObject({ seq: 1, id: null, unsigned: true });
    expect(old.firstBroken!.problem).toMatch(/no signed checkpoint covers receipts #1\.\.#10/);
    expect(old.firstBroken!.problem).toMatch(/receipts:checkpoint/);
    // A new install (receipts younger than the grace period) only warns.
    const young = await verifyChain({ ...strict, now: new Date("2026-01-01T00:05:00Z") });
    expect(young.ok).toBe(true);
    expect(young.warnings.join(" ")).toMatch(/No signed checkpoint yet/);
  });

  it("fails a partial file whose checkpoint sits in a gap when the receipt after it shows the rewrite", async () => {
    const atFive = [await sign(signer, 5, chain[4]!.hash!)];
    const rewritten = link(chain.map((r) => (r.seq === 2 ? { ...r, reason: "rewritten" } : r)));
    // Receipt #5 (the checkpoint's) is "filtered out"; #6 follows it and links to the rewritten #5.
    const partialFile = rewritten.filter((r) => r.seq !== 5 && r.seq !== 4);
    const result = await verify(partialFile, atFive, true);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ seq: 5, id: null });
    expect(result.firstBroken!.problem).toMatch(/partial file.*re-hashed/);
    // The untouched chain, filtered the same way, still checks out as far as it can.
    expect((await verify(chain.filter((r) => r.seq !== 5 && r.seq !== 4), atFive, true)).ok).toBe(true);
  });
});

describe("verifyTailSinceCheckpoint (before signing a new head)", () => {
  const head = (receipts: ChainReceipt[]) => ({ seq: receipts.at(-1)!.seq, hash: receipts.at(-1)!.hash! });
  const tail = async (receipts: ChainReceipt[], checkpoint: CheckpointInput, at = 4) =>
    verifyTailSinceCheckpoint({ checkpoint, jwks: jwks(), atCheckpoint: receipts.find((r) => r.seq === at) ?? null, after: receipts.filter((r) => r.seq > at), head: head(receipts) });

  it("accepts a chain that extends the last checkpoint", async () => {
    expect(await tail(chain, checkpoints[0]!)).toEqual({ ok: true, checked: 6 });
    expect(await tail(chain.slice(0, 4), checkpoints[0]!)).toEqual({ ok: true, checked: 0 });
  });

  it("refuses a chain rewritten and re-hashed from the checkpoint's receipt on", async () => {
    const rewritten = link(chain.map((r) => (r.seq === 4 ? { ...r, reason: "rewritten" } : r)));
    const result = await tail(rewritten, checkpoints[0]!);
    expect(result).toMatchObject({ ok: false, broken: { seq: 4, id: "r4" } });
    expect(!result.ok && result.broken.problem).toMatch(/does not match the last signed checkpoint/);
  });

  it("refuses a rewritten tail, a gap, an altered receipt, a bad head and an untrusted checkpoint", async () => {
    // Only the receipts after the checkpoint rewritten and re-linked to each other.
    const relinked = [...chain.slice(0, 4), ...link(chain.slice(4).map((r) => (r.seq === 7 ? { ...r, reason: "rewritten" } : r)), "f".repeat(64))];
    expect(await tail(relinked, checkpoints[0]!)).toMatchObject({ ok: false, broken: { seq: 5, id: "r5" } });
    expect(await tail(chain.filter((r) => r.seq !== 7), checkpoints[0]!)).toMatchObject({ ok: false, broken: { seq: 7, id: null } });
    expect(await tail(chain.map((r) => (r.seq === 8 ? { ...r, reason: "edited" } : r)), checkpoints[0]!)).toMatchObject({ ok: false, broken: { seq: 8 } });
    const badHead = await verifyTailSinceCheckpoint({ checkpoint: checkpoints[0]!, jwks: jwks(), atCheckpoint: chain[3]!, after: chain.slice(4), head: { seq: 10, hash: GENESIS_HASH } });
    expect(badHead).toMatchObject({ ok: false, broken: { seq: 10 } });
    const stranger = await newSigner();
    const forged = await tail(chain, await sign(stranger, 4, chain[3]!.hash!));
    expect(forged).toMatchObject({ ok: false, broken: { seq: 4 } });
    expect(!forged.ok && forged.broken.problem).toMatch(/not trusted.*unknown key/);
  });
});

describe("verifyChain on payloads handed over as stored text (JsonText, as the stored-chain readers do)", () => {
  // The readers hand each payload over as its stored text, and the hash is taken over the
  // canonical text read from it (canonical-json-text.ts) or, where that declines, over the
  // parsed value as before. Every verdict must be the one the parsed values give.
  const asText = (receipts: ChainReceipt[], text: (payload: unknown, seq: number) => string) =>
    receipts.map((r) => ({ ...r, payload: new JsonText(text(r.payload, r.seq)) }));
  const verdict = (result: Awaited<ReturnType<typeof verify>>) => ({ ok: result.ok, checked: result.checked, headHash: result.headHash, firstBroken: result.firstBroken });
  /** Keys written in reverse and spaced as jsonb prints them: equal JSON, not canonical text. */
  const spacedReversed = (value: unknown): string =>
    Array.isArray(value)
      ? `[${value.map(spacedReversed).join(", ")}]`
      : typeof value === "object" && value !== null
        ? `{${Object.keys(value).reverse().map((k) => `${JSON.stringify(k)}: ${spacedReversed((value as Record<string, unknown>)[k])}`).join(", ")}}`
        : JSON.stringify(value);

  it("passes canonical text, reordered keys and jsonb's layout, and escapes through the parser, as the values do", async () => {
    const withEscapes = link(Array.from({ length: 10 }, (_, i) => ({ ...draft(i + 1), payload: { note: `line ${i}\n"quoted"`, n: 1.5 } })));
    for (const text of [canonicalJson, (v: unknown) => JSON.stringify(v), spacedReversed, (v: unknown) => JSON.stringify(v, null, 2)]) {
      expect(verdict(await verify(asText(chain, text)))).toEqual(verdict(await verify(chain)));
      expect((await verify(asText(withEscapes, text), [])).ok).toBe(true);
    }
  });

  it("fails a tampered stored text at the same receipt, with the same verdict, as a tampered value", async () => {
    const tamper = (payload: unknown, seq: number) => (seq === 6 ? { ...(payload as object), outcome: "rejected" } : payload);
    const byValue = await verify(chain.map((r) => ({ ...r, payload: tamper(r.payload, r.seq) })));
    expect(byValue.firstBroken).toMatchObject({ seq: 6, id: "r6" });
    for (const text of [canonicalJson, spacedReversed]) {
      expect(verdict(await verify(asText(chain, (p, seq) => text(tamper(p, seq)))))).toEqual(verdict(byValue));
    }
    // One digit changed inside the stored text; a key added; a value's type changed ("1" for 1).
    for (const edit of [(t: string) => t.replace("12.00", "13.00"), (t: string) => t.replace("{", '{"extra":0,'), (t: string) => t.replace("[1,", '["1",')]) {
      const result = await verify(asText(chain, (p, seq) => (seq === 6 ? edit(canonicalJson(p)) : canonicalJson(p))));
      expect(verdict(result)).toEqual(verdict(byValue));
    }
  });

  it("hashes a duplicate key as the parser reads it (the last one wins), not as the text shows it", async () => {
    // The stored text names `outcome` twice; JSON.parse keeps the second, so the receipt reads "approved" and verifies.
    const duplicated = asText(chain, (p, seq) => (seq === 6 ? canonicalJson(p).replace("{", '{"outcome":"rejected",') : canonicalJson(p)));
    expect(verdict(await verify(duplicated))).toEqual(verdict(await verify(chain)));
  });
});

describe("a receipt nested past canonical JSON's bound (planted by someone with database access)", () => {
  const deep = (levels: number) => "[".repeat(levels) + "]".repeat(levels);

  it("is named as unreadable, in payload or actor, as text or as a value, by the walk and by the signer's tail check", async () => {
    const plantings: ((r: ChainReceipt) => ChainReceipt)[] = [
      (r) => ({ ...r, payload: new JsonText(deep(200_000)) }),
      (r) => ({ ...r, payload: JSON.parse(deep(200_000)) as unknown }),
      (r) => ({ ...r, actor: new JsonText(`{"type": "user", "id": ${deep(200_000)}}`) }),
      (r) => ({ ...r, payload: new JsonText(deep(MAX_CANONICAL_DEPTH + 1)) }),
    ];
    for (const plant of plantings) {
      const planted = chain.map((r) => (r.seq === 6 ? plant(r) : r));
      const result = await verify(planted);
      expect(result.ok).toBe(false);
      expect(result.checked).toBe(5);
      expect(result.firstBroken).toMatchObject({ seq: 6, id: "r6" });
      expect(result.firstBroken!.problem).toMatch(new RegExp(`^receipt #6 cannot be read \\(JSON nested deeper than ${MAX_CANONICAL_DEPTH} levels.*planted or altered in the database`));
      const tail = await verifyTailSinceCheckpoint({ checkpoint: checkpoints[0]!, jwks: jwks(), atCheckpoint: chain[3]!, after: planted.slice(4), head: { seq: 10, hash: chain[9]!.hash! } });
      expect(tail).toMatchObject({ ok: false, broken: { seq: 6, id: "r6", problem: expect.stringMatching(/cannot be read/) } });
    }
  });

  it("is named as unreadable when it comes before the chain started (no stored hash), too", async () => {
    const legacy = chain.map((r) => ({ ...r, prev_hash: null, hash: null, ...(r.seq === 2 ? { payload: new JsonText(deep(200_000)) } : {}) }));
    const result = await verify(legacy, []);
    expect(result.firstBroken).toMatchObject({ seq: 2, id: "r2", problem: expect.stringMatching(/^receipt #2 cannot be read/) });
  });
});
