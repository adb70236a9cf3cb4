// Code changes: small refactors and dependency bumps with their diffs.
import type { PlanStep } from "@/lib/proposals/envelope";
import { step, type Risk, type Draft } from "../company";
import type { Rng } from "../rng";

type CodeChange = { repo: string; path: string; title: string; why: string; risk: Risk; before: string; after: string };

const CODE_CHANGES: Array<(rng: Rng) => CodeChange> = [
  () => ({
    repo: "fleet-api",
    path: "src/util/retry.ts",
    title: "Use the shared backoff helper in withRetry",
    why: "The fixed 1s sleep hammers the map service during incidents; the shared helper adds exponential backoff with jitter.",
    risk: "medium",
    before: `export async function withRetry<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  throw lastError;
}
`,
    after: `import { backoff } from "@northwind/resilience";

export async function withRetry<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await fn();
    } catch (err) {
      lastError = err;
      if (attempt < attempts - 1) await backoff(attempt, { baseMs: 250, maxMs: 8000, jitter: true });
    }
  }
  throw lastError;
}
`,
  }),
  () => ({
    repo: "firmware-tools",
    path: "scripts/flash.py",
    title: "Call stm32flash without a shell",
    why: "os.system with string formatting breaks on paths with spaces and is a shell-injection risk; subprocess.run also surfaces stderr.",
    risk: "medium",
    before: `import os
import sys


def flash(device: str, image: str) -> None:
    cmd = "stm32flash -w %s -v %s" % (image, device)
    code = os.system(cmd)
    if code != 0:
        print("flash failed", file=sys.stderr)
        sys.exit(1)
`,
    after: `import subprocess
import sys


def flash(device: str, image: str) -> None:
    result = subprocess.run(
        ["stm32flash", "-w", image, "-v", device],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        print(f"flash failed: {result.stderr.strip()}", file=sys.stderr)
        sys.exit(result.returncode)
`,
  }),
  () => ({
    repo: "fleet-api",
    path: "src/routes/robots.ts",
    title: "Clamp page size and switch /robots to cursor pagination",
    why: "A customer script asked for limit=100000 and took the API down for 4 minutes; offsets are also slow past 50k rows.",
    risk: "high",
    before: `router.get("/robots", async (req, res) => {
  const limit = Number(req.query.limit ?? 50);
  const offset = Number(req.query.offset ?? 0);
  const robots = await fleet.listRobots({ limit, offset });
  res.json({ robots });
});
`,
    after: `const MAX_PAGE_SIZE = 200;

router.get("/robots", async (req, res) => {
  const limit = Math.min(Math.max(Number(req.query.limit) || 50, 1), MAX_PAGE_SIZE);
  const cursor = typeof req.query.cursor === "string" ? req.query.cursor : undefined;
  const page = await fleet.listRobots({ limit, cursor });
  res.json({ robots: page.items, next_cursor: page.nextCursor ?? null });
});
`,
  }),
  () => ({
    repo: "warehouse-planner",
    path: "planner/path_cost.py",
    title: "Tidy path_cost and name the low-battery constants",
    why: "Pure refactor: math.hypot over pairwise segments, typed signature, constants instead of magic numbers. Also fixes the boundary (20% now counts as low).",
    risk: "low",
    before: `import math


def path_cost(path, battery_pct):
    dist = 0
    for i in range(len(path) - 1):
        (x1, y1), (x2, y2) = path[i], path[i + 1]
        dist += math.sqrt((x2 - x1) ** 2 + (y2 - y1) ** 2)
    if battery_pct < 20:
        dist = dist * 1.5
    return dist
`,
    after: `import math
from itertools import pairwise

LOW_BATTERY_PCT = 20
LOW_BATTERY_PENALTY = 1.5


def path_cost(path: list[tuple[float, float]], battery_pct: float) -> float:
    dist = sum(math.hypot(x2 - x1, y2 - y1) for (x1, y1), (x2, y2) in pairwise(path))
    if battery_pct <= LOW_BATTERY_PCT:
        dist *= LOW_BATTERY_PENALTY
    return dist
`,
  }),
  () => ({
    repo: "ops-dashboard",
    path: "src/components/BatteryGauge.tsx",
    title: "Replace defaultProps in BatteryGauge with typed defaults",
    why: "React 19 drops defaultProps on function components; this also adds meter semantics for screen readers.",
    risk: "low",
    before: `import PropTypes from "prop-types";

export function BatteryGauge({ percent, warnAt }) {
  const color = percent < warnAt ? "red" : "green";
  return <div className={\`gauge gauge-\${color}\`}>{percent}%</div>;
}

BatteryGauge.propTypes = { percent: PropTypes.number.isRequired, warnAt: PropTypes.number };
BatteryGauge.defaultProps = { warnAt: 20 };
`,
    after: `type BatteryGaugeProps = { percent: number; warnAt?: number };

export function BatteryGauge({ percent, warnAt = 20 }: BatteryGaugeProps) {
  const color = percent < warnAt ? "red" : "green";
  return (
    <div className={\`gauge gauge-\${color}\`} role="meter" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
      {percent}%
    </div>
  );
}
`,
  }),
  () => ({
    repo: "telemetry-ingest",
    path: "internal/ingest/batch.go",
    title: "Stop the batcher on context cancellation",
    why: "run() ignored ctx, so shutdown waited for the pod's grace period and dropped the last batch.",
    risk: "medium",
    before: `func (b *Batcher) run(ctx context.Context) {
	for {
		b.flush()
		time.Sleep(b.interval)
	}
}
`,
    after: `func (b *Batcher) run(ctx context.Context) {
	ticker := time.NewTicker(b.interval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			b.flush()
			return
		case <-ticker.C:
			b.flush()
		}
	}
}
`,
  }),
  (rng) => {
    const deps: Array<[string, string, string]> = [
      ["express", "4.19.2", "4.21.2"],
      ["pino", "8.21.0", "9.6.0"],
      ["zod", "3.23.8", "3.25.76"],
    ];
    const repo = rng.pick(["fleet-api", "ops-dashboard", "telemetry-ingest"]);
    const index = rng.int(0, deps.length - 1);
    const [name, from, to] = deps[index]!;
    const manifest = (bumped: boolean) =>
      [
        "{",
        `  "name": "@northwind/${repo}",`,
        `  "private": true,`,
        `  "dependencies": {`,
        ...deps.map(([n, v1, v2], i) => `    "${n}": "${bumped && i === index ? v2 : v1}"${i < deps.length - 1 ? "," : ""}`),
        "  }",
        "}",
        "",
      ].join("\n");
    const major = from.split(".")[0] !== to.split(".")[0];
    return {
      repo,
      path: "package.json",
      title: `Bump ${name} from ${from} to ${to}`,
      why: major ? `Major version: ${name} ${to.split(".")[0]} changes the transport API; call sites were updated in the same PR.` : `Patch/minor update with security fixes; lockfile regenerated, tests green.`,
      risk: major ? "medium" : "low",
      before: manifest(false),
      after: manifest(true),
    };
  },
  (rng) => {
    const flags: Array<[string, string]> = [
      ["batchUploads", 'process.env.FLAG_BATCH_UPLOADS === "1"'],
      ["compressFrames", 'process.env.FLAG_COMPRESS_FRAMES === "1"'],
      ["legacyMqttBridge", 'process.env.FLAG_LEGACY_MQTT_BRIDGE !== "0"'],
    ];
    const index = rng.int(0, flags.length - 1);
    const [flag] = flags[index]!;
    const file = (without: boolean) =>
      ["export const flags = {", ...flags.filter((_, i) => !(without && i === index)).map(([n, e]) => `  ${n}: ${e},`), "};", ""].join("\n");
    return {
      repo: "telemetry-ingest",
      path: "src/flags.ts",
      title: `Remove the ${flag} feature flag`,
      why: `${flag} has been on for every site for 30 days; the dead branches were removed in the same PR.`,
      risk: flag === "legacyMqttBridge" ? "high" : "low",
      before: file(false),
      after: file(true),
    };
  },
];

export function codeChangeDraft(rng: Rng, draftOnly: boolean): Draft {
  const change = rng.pick(CODE_CHANGES)(rng);
  const pr = rng.int(1100, 2400);
  const branch = `bot/${change.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40)}`;
  const prUrl = `https://github.com/northwind-robotics/${change.repo}/pull/${pr}`;
  const sha = rng.hex(40);
  const plan: PlanStep[] = [
    step("Read the file and its tests", "github.get_contents", "github:read", { repo: `northwind-robotics/${change.repo}`, path: change.path }),
    step("Push the change to a branch", "github.push_commit", "github:write:draft", { repo: `northwind-robotics/${change.repo}`, branch, files: [change.path] }),
    step(draftOnly ? "Open a draft pull request" : "Open a pull request", "github.create_pull_request", "github:write:draft", { repo: `northwind-robotics/${change.repo}`, head: branch, base: "main", draft: draftOnly }),
  ];
  if (!draftOnly) plan.push(step("Squash-merge once checks pass", "github.merge_pull_request", "github:commit", { repo: `northwind-robotics/${change.repo}`, number: pr, method: "squash" }));
  const artifacts: Draft["artifacts"] = [{ type: "pull_request", id: `#${pr}`, url: prUrl, label: `${change.repo}#${pr}` }];
  if (rng.chance(0.6)) artifacts.push({ type: "ci_run", id: String(rng.int(9_000_000, 9_999_999)), url: `https://github.com/northwind-robotics/${change.repo}/actions/runs/${rng.int(9_000_000_000, 9_999_999_999)}` });
  return {
    intent: draftOnly ? "open_draft_pull_request" : "merge_pull_request",
    title: draftOnly ? `Open draft PR in ${change.repo}: ${change.title}` : `Merge ${change.repo}#${pr}: ${change.title}`,
    summary: `${change.why}${draftOnly ? "" : ` CI passed (${rng.int(120, 900)} tests).`}`,
    risk: draftOnly ? "low" : change.risk,
    scopes: draftOnly ? ["github:read", "github:write:draft"] : ["github:read", "github:write:draft", "github:commit"],
    inputs: { repo: `northwind-robotics/${change.repo}`, path: change.path, pull_request: draftOnly ? null : pr, base: "main" },
    plan,
    changes: [{ target: { type: "file", id: `northwind-robotics/${change.repo}:${change.path}`, label: `${change.repo}/${change.path}` }, format: "text", before: change.before, after: change.after }],
    artifacts,
    result: draftOnly ? { pull_request: pr, draft: true } : { merge_commit: sha, pull_request: pr },
    failure: rng.pick([
      { code: "checks_failed", message: "Merge blocked: required status check ci/test failed on the merge commit" },
      { code: "merge_conflict", message: `Merge conflict in ${change.path} with main` },
    ]),
  };
}

