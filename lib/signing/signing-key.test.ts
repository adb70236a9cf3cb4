// The signing key: generated once, kept with mode 0600, the same key for
// every loader (also when several start at once), published as a JWKS whose
// kid is the RFC 7638 thumbprint; a malformed SIGNING_KEY stops start-up.
import { vi, afterAll, describe, expect, it } from "vitest";

const keyFile = vi.hoisted(() => {
  const file = `.tmp/signing-key-test-${process.pid}-${Date.now()}/signing-key.json`;
  process.env.SIGNING_KEY_FILE = file;
  return file;
});

import { rm, stat, readFile } from "node:fs/promises";
import path from "node:path";
import { calculateJwkThumbprint, compactVerify, CompactSign, importJWK } from "jose";
import { parseEnv } from "@/lib/env";
import { getSigningKey, publicJwks } from "@/lib/signing/signing-key";

const cache = globalThis as unknown as { countersignSigningKey?: unknown };
afterAll(() => rm(path.dirname(keyFile), { recursive: true, force: true }));

describe("getSigningKey", () => {
  it("generates one key on first use, even with several loaders racing, and keeps it private", async () => {
    const loads = Array.from({ length: 5 }, () => {
      cache.countersignSigningKey = undefined; // as if each were another process
      return getSigningKey();
    });
    const keys = await Promise.all(loads);
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await readFile(keyFile, "utf8"));
    expect(stored).toMatchObject({ kty: "OKP", crv: "Ed25519" });
    cache.countersignSigningKey = undefined;
    expect((await getSigningKey()).kid).toBe(keys[0]!.kid);
  });

  it("publishes the public half only, with the thumbprint as kid, and it verifies what the key signs", async () => {
    const { keys } = await publicJwks();
    expect(keys).toHaveLength(1);
    const [jwk] = keys;
    expect(jwk).not.toHaveProperty("d");
    expect(jwk!.kid).toBe(await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: jwk!.x }));
    const { privateKey, kid } = await getSigningKey();
    const jws = await new CompactSign(new TextEncoder().encode("hello")).setProtectedHeader({ alg: "EdDSA", kid }).sign(privateKey);
    const { payload } = await compactVerify(jws, await importJWK(jwk!, "EdDSA"));
    expect(new TextDecoder().decode(payload)).toBe("hello");
  });
});

describe("signing settings", () => {
  it("names a malformed SIGNING_KEY or SIGNING_PUBLIC_KEYS_EXTRA", () => {
    expect(() => parseEnv({ SIGNING_KEY: '{"kty":"RSA"}' })).toThrow(/SIGNING_KEY must be a private Ed25519 JWK/);
    expect(() => parseEnv({ SIGNING_KEY: '{"kty":"OKP","crv":"Ed25519","x":"abc"}' })).toThrow(/SIGNING_KEY/);
    expect(() => parseEnv({ SIGNING_PUBLIC_KEYS_EXTRA: "not json" })).toThrow(/SIGNING_PUBLIC_KEYS_EXTRA/);
    expect(parseEnv({ SIGNING_PUBLIC_KEYS_EXTRA: '{"keys":[{"kty":"OKP","crv":"Ed25519","x":"abc"}]}' }).SIGNING_PUBLIC_KEYS_EXTRA).toBeDefined();
    expect(parseEnv({}).CHECKPOINT_SECONDS).toBe(300);
    expect(() => parseEnv({ CHECKPOINT_SECONDS: "-1" })).toThrow(/CHECKPOINT_SECONDS/);
  });
});
