import "server-only";
// The server's Ed25519 signing key: it signs receipt-chain checkpoints (and
// approval tokens); its public half is published as a JWKS so anyone can check
// those signatures without trusting the database. Reachable from the CLI, so
// nothing here may import next/*.
//
// Where the key comes from, in order:
//   1. SIGNING_KEY: a private Ed25519 JWK as JSON (for deployments that keep
//      secrets in the environment, and for several instances sharing one key);
//   2. a key file (SIGNING_KEY_FILE, else signing-key.json next to the SQLite
//      database, else data/signing-key.json), generated on first use and kept.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, link, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { env } from "@/lib/env";
import { parseDatabaseUrl } from "@/lib/base/database-url";

export type SigningKey = { kid: string; privateKey: CryptoKey; publicJwk: JWK };

const globalForKey = globalThis as unknown as { countersignSigningKey?: Promise<SigningKey> };

/** The active signing key; loaded (or generated) once per process. */
export function getSigningKey(): Promise<SigningKey> {
  globalForKey.countersignSigningKey ??= loadSigningKey().catch((error: unknown) => {
    // Do not cache a failure: a fixed file or setting should work on the next call.
    globalForKey.countersignSigningKey = undefined;
    throw error;
  });
  return globalForKey.countersignSigningKey;
}

/** The public keys a verifier should trust: the active one, then any retired ones still listed. */
export async function publicJwks(): Promise<{ keys: JWK[] }> {
  const { publicJwk } = await getSigningKey();
  const keys = [publicJwk];
  for (const key of parseExtraPublicKeys(env().SIGNING_PUBLIC_KEYS_EXTRA)) {
    // The kid is always the key's thumbprint (as when it signed), whatever the setting says.
    const kid = await calculateJwkThumbprint(key, "sha256");
    if (!keys.some((known) => known.kid === kid)) keys.push({ ...key, kid, alg: "EdDSA", use: "sig" });
  }
  return { keys };
}

/** Where the generated key is kept when SIGNING_KEY is not set. */
export function signingKeyFilePath(): string {
  const settings = env();
  if (settings.SIGNING_KEY_FILE) return path.resolve(settings.SIGNING_KEY_FILE);
  const target = parseDatabaseUrl(settings.DATABASE_URL);
  if (target.provider === "sqlite") return path.join(path.dirname(target.file), "signing-key.json");
  return path.resolve("data/signing-key.json");
}

async function loadSigningKey(): Promise<SigningKey> {
  const configured = env().SIGNING_KEY;
  if (configured) return fromPrivateJwk(JSON.parse(configured) as JWK, "SIGNING_KEY");
  const file = signingKeyFilePath();
  const existing = await readKeyFile(file);
  if (existing) return fromPrivateJwk(existing, file);
  return fromPrivateJwk(await createKeyFile(file), file);
}

async function readKeyFile(file: string): Promise<JWK | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`signing key file ${file} could not be read: ${(error as Error).message}`);
  }
}

/**
 * Generates a key and publishes it atomically: written in full to a private
 * temporary file, then hard-linked to its final name, which fails if the name
 * exists. Two processes starting at once therefore agree on one key: the
 * loser reads the winner's file.
 */
async function createKeyFile(file: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const jwk = await exportJWK(privateKey);
  const privateJwk: JWK = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, d: jwk.d };
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temporary, `${JSON.stringify(privateJwk)}\n`, { mode: 0o600, flag: "wx" });
  try {
    await link(temporary, file);
    return privateJwk;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const winner = await readKeyFile(file);
    if (!winner) throw new Error(`signing key file ${file} vanished while it was being created`);
    return winner;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

async function fromPrivateJwk(jwk: JWK, source: string): Promise<SigningKey> {
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string" || typeof jwk.d !== "string") {
    throw new Error(`${source}: expected a private Ed25519 JWK ({"kty":"OKP","crv":"Ed25519","x":"…","d":"…"})`);
  }
  const publicPart: JWK = { kty: "OKP", crv: "Ed25519", x: jwk.x };
  const kid = await calculateJwkThumbprint(publicPart, "sha256");
  const privateKey = (await importJWK({ ...publicPart, d: jwk.d }, "EdDSA")) as CryptoKey;
  return { kid, privateKey, publicJwk: { ...publicPart, kid, alg: "EdDSA", use: "sig" } };
}

/** SIGNING_PUBLIC_KEYS_EXTRA: a JWKS ({"keys":[…]}) or a JSON array of public JWKs (validated in lib/env.ts). */
export function parseExtraPublicKeys(raw: string | undefined): JWK[] {
  if (!raw) return [];
  const parsed = JSON.parse(raw) as { keys?: JWK[] } | JWK[];
  const keys = Array.isArray(parsed) ? parsed : (parsed.keys ?? []);
  return keys.map((key) => {
    if (key.kty !== "OKP" || key.crv !== "Ed25519" || typeof key.x !== "string") {
      throw new Error("SIGNING_PUBLIC_KEYS_EXTRA: every key must be a public Ed25519 JWK ({\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"…\"})");
    }
    return { kty: "OKP", crv: "Ed25519", x: key.x };
  });
}
