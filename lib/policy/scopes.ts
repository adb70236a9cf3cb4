// Scopes are `<domain>:<tier>` (contract section 1). Tiers are ordered: a
// proposal's tier is the highest among its scopes and its plan steps' scopes.
export const TIERS = ["read", "write:draft", "commit"] as const;
export type Tier = (typeof TIERS)[number];

/** A scope's domain: lowercase, dots and dashes allowed between letters and digits (`ap`, `crm.eu`, `it-ops`). */
export const DOMAIN_PATTERN = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;
const SCOPE_PATTERN = new RegExp(`^(${DOMAIN_PATTERN.source.slice(1, -1)}):(read|write:draft|commit)$`);

export type ParsedScope = { scope: string; domain: string; tier: Tier };

/** Parses a scope string; returns null when it is not of the form `<domain>:<tier>`. */
export function parseScope(scope: string): ParsedScope | null {
  const match = SCOPE_PATTERN.exec(scope);
  if (!match) return null;
  return { scope, domain: match[1]!, tier: match[2] as Tier };
}

export function tierRank(tier: Tier): number {
  return TIERS.indexOf(tier);
}

/** The highest tier among the given scopes. Throws on a malformed scope. */
export function highestTier(scopes: Iterable<string>): Tier {
  let best: Tier | null = null;
  for (const scope of scopes) {
    const parsed = parseScope(scope);
    if (!parsed) throw new Error(`not a scope: ${scope}`);
    if (best === null || tierRank(parsed.tier) > tierRank(best)) best = parsed.tier;
  }
  if (best === null) throw new Error("no scopes");
  return best;
}

/** Parses a comma-separated list ("ap:read, ap:commit"), deduped, in order. */
export function parseScopeList(list: string): { scopes: string[]; invalid: string[] } {
  const scopes: string[] = [];
  const invalid: string[] = [];
  for (const raw of list.split(",")) {
    const scope = raw.trim();
    if (scope === "") continue;
    if (!parseScope(scope)) invalid.push(scope);
    else if (!scopes.includes(scope)) scopes.push(scope);
  }
  return { scopes, invalid };
}

/** Scopes requested but not in the grant: a non-empty result means refuse the whole proposal. */
export function scopesOutsideGrant(requested: Iterable<string>, grant: Iterable<string>): string[] {
  const granted = new Set(grant);
  return [...new Set(requested)].filter((scope) => !granted.has(scope));
}
