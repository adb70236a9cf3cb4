// The gateway's optional config file (tools.json): per tool, which scope or
// tier a call is proposed under, to which queue, with what title. Checked
// field by field so a typo stops the gateway with the file, the path and what
// is wrong, instead of silently proposing under the wrong scope.
import type { Risk, Tier } from "../types.js";

export type ActorConfig = { type: "user" | "service" | "team"; id: string; email?: string; name?: string };

export type ToolRule = {
  /** A whole scope (`payments:commit`); wins over `tier`. */
  scope?: string;
  /** The tier under the gateway's `--domain`. */
  tier?: Tier;
  queue?: string;
  /** Title template, e.g. `Refund {{order_id}} ({{amount}})`. */
  title?: string;
  /** Summary template, same placeholders. */
  summary?: string;
  intent?: string;
  risk?: Risk;
};

export type GatewayConfig = {
  actor?: ActorConfig;
  /** Applied to every tool without its own value. */
  defaults: Omit<ToolRule, "scope" | "tier" | "intent">;
  tools: Record<string, ToolRule>;
};

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source} is not a valid countersign-mcp config:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

export const TIERS: readonly Tier[] = ["read", "write:draft", "commit"];
const RISKS: readonly Risk[] = ["low", "medium", "high", "critical"];
const ACTOR_TYPES = ["user", "service", "team"] as const;
export const SCOPE_PATTERN = /^([a-z][a-z0-9]*(?:[.-][a-z0-9]+)*):(read|write:draft|commit)$/;
export const DOMAIN_PATTERN = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;
const INTENT_PATTERN = /^[a-z0-9][a-z0-9_.:-]*$/i;
const RULE_KEYS = ["scope", "tier", "queue", "title", "summary", "intent", "risk"] as const;

/** Parses and checks the text of a config file; `source` names it in errors. */
export function parseConfig(text: string, source = "config"): GatewayConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(source, [`not JSON: ${(error as Error).message}`]);
  }
  return checkConfig(raw, source);
}

export function checkConfig(raw: unknown, source = "config"): GatewayConfig {
  const problems: string[] = [];
  if (!isObject(raw)) throw new ConfigError(source, ["the top level must be an object with \"tools\" (and optionally \"actor\", \"defaults\")"]);
  unknownKeys(raw, ["actor", "defaults", "tools", "$schema"], "", problems);

  let actor: ActorConfig | undefined;
  if (raw.actor !== undefined) actor = checkActor(raw.actor, problems);

  const defaults: GatewayConfig["defaults"] = {};
  if (raw.defaults !== undefined) {
    if (!isObject(raw.defaults)) problems.push("defaults: must be an object");
    else {
      const rule = checkRule(raw.defaults, "defaults", problems, ["queue", "title", "summary", "risk"]);
      Object.assign(defaults, rule);
    }
  }

  const tools: Record<string, ToolRule> = {};
  if (raw.tools !== undefined) {
    if (!isObject(raw.tools)) problems.push("tools: must be an object mapping tool names to rules");
    else {
      for (const [name, value] of Object.entries(raw.tools)) {
        const path = `tools.${name}`;
        if (!isObject(value)) {
          problems.push(`${path}: must be an object such as {"tier": "commit", "title": "..."}`);
          continue;
        }
        tools[name] = checkRule(value, path, problems, RULE_KEYS);
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(source, problems);
  return { ...(actor ? { actor } : {}), defaults, tools };
}

function checkRule(value: Record<string, unknown>, path: string, problems: string[], allowed: readonly string[]): ToolRule {
  unknownKeys(value, allowed, path, problems);
  const rule: ToolRule = {};
  const str = (key: keyof ToolRule, max: number) => {
    const v = value[key];
    if (v === undefined) return undefined;
    if (typeof v !== "string" || v.trim() === "") {
      problems.push(`${path}.${key}: must be a non-empty string`);
      return undefined;
    }
    if (v.length > max) {
      problems.push(`${path}.${key}: at most ${max} characters`);
      return undefined;
    }
    return v;
  };
  const scope = str("scope", 200);
  if (scope !== undefined) {
    if (SCOPE_PATTERN.test(scope)) rule.scope = scope;
    else problems.push(`${path}.scope: must be <domain>:<tier> with tier read, write:draft or commit (got ${JSON.stringify(scope)})`);
  }
  const tier = str("tier", 20);
  if (tier !== undefined) {
    if ((TIERS as readonly string[]).includes(tier)) rule.tier = tier as Tier;
    else problems.push(`${path}.tier: must be read, write:draft or commit (got ${JSON.stringify(tier)})`);
  }
  const queue = str("queue", 100);
  if (queue !== undefined) rule.queue = queue;
  const title = str("title", 1000);
  if (title !== undefined) rule.title = title;
  const summary = str("summary", 5000);
  if (summary !== undefined) rule.summary = summary;
  const intent = str("intent", 100);
  if (intent !== undefined) {
    if (INTENT_PATTERN.test(intent)) rule.intent = intent;
    else problems.push(`${path}.intent: letters, digits and _ . : - only (got ${JSON.stringify(intent)})`);
  }
  const risk = str("risk", 20);
  if (risk !== undefined) {
    if ((RISKS as readonly string[]).includes(risk)) rule.risk = risk as Risk;
    else problems.push(`${path}.risk: must be low, medium, high or critical (got ${JSON.stringify(risk)})`);
  }
  return rule;
}

function checkActor(value: unknown, problems: string[]): ActorConfig | undefined {
  if (!isObject(value)) {
    problems.push('actor: must be an object such as {"type": "user", "id": "u_1", "email": "dana@example.com"}');
    return undefined;
  }
  unknownKeys(value, ["type", "id", "email", "name"], "actor", problems);
  const before = problems.length;
  if (!ACTOR_TYPES.includes(value.type as never)) problems.push("actor.type: must be user, service or team");
  if (typeof value.id !== "string" || value.id === "" || value.id.length > 200) problems.push("actor.id: must be a string of 1 to 200 characters");
  if (value.email !== undefined && (typeof value.email !== "string" || !/^[^\s@]+@[^\s@]+$/.test(value.email))) problems.push("actor.email: must be an email address");
  if (value.name !== undefined && (typeof value.name !== "string" || value.name === "" || value.name.length > 200)) problems.push("actor.name: must be a string of 1 to 200 characters");
  if (problems.length > before) return undefined;
  return {
    type: value.type as ActorConfig["type"],
    id: value.id as string,
    ...(typeof value.email === "string" ? { email: value.email } : {}),
    ...(typeof value.name === "string" ? { name: value.name } : {}),
  };
}

function unknownKeys(value: Record<string, unknown>, allowed: readonly string[], path: string, problems: string[]) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) problems.push(`${path ? `${path}.` : ""}${key}: unknown field (allowed: ${allowed.filter((k) => k !== "$schema").join(", ")})`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
