// Administration from the command line (contract section 5):
//   npm run cli -- <command> [--flag value ...]
import "@/lib/load-dotenv";
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { createUserAsAdmin } from "@/lib/users/create-user-as-admin";
import { setMembershipByEmail, setUserActiveByEmail, setUserRoleByEmail } from "@/lib/users/set-membership";
import { createQueue } from "@/lib/queues/create-queue";
import { setQueueDomains } from "@/lib/queues/set-queue-domains";
import { splitDomainList } from "@/lib/queues/queue-domains";
import { setSeparationOfDuties } from "@/lib/queues/set-separation-of-duties";
import { createAgent } from "@/lib/agents/create-agent";
import { listAgentsForAdmin } from "@/lib/agents/list-agents-for-admin";
import { revokeAgent } from "@/lib/agents/revoke-agent";
import { stopAgent } from "@/lib/containment/stop-agent";
import { revokeApproval } from "@/lib/containment/revoke-approval";
import { CLI_CALLER } from "@/lib/users/admin-caller";
import { parseScopeList } from "@/lib/policy/scopes";
import { db } from "@/lib/db/client";
import { expireOverdueProposals } from "@/lib/proposals/expire-proposals";
import { rebuildInsights } from "@/lib/insights/rebuild-insights";
import { AppError } from "@/lib/base/app-error";
import { policiesCheckCommand } from "./cli/policies";
import { agentWebhookCommand, deliverWebhooksCommand } from "./cli/webhooks";
import { receiptsCheckpointCommand, receiptsVerifyCommand } from "./cli/receipts";
import { toolCreateCommand, toolListCommand, toolRevokeCommand } from "./cli/tools";
import { textTable } from "./cli/table";
import { policiesSimulateCommand } from "@/lib/policy/simulate/simulate-command";
import { policiesApplyCommand, policiesRestoreCommand, policiesVersionsCommand } from "@/lib/policy/versions/cli-commands";

const USAGE = `Usage: npm run cli -- <command> [options]

  user:create   --email E --name N --role viewer|approver|admin --password P   (recorded as a receipt)
  user:disable  --email E   (signs the user out on their next request; keeps their history; recorded as a receipt)
  user:role     --email E --role viewer|approver|admin   (takes effect on their next request; recorded as a receipt)
  membership:set --email E [--queue SLUG] --role viewer|approver|admin|none
                (a role on one queue, or on every queue without --queue; none removes it; recorded as a receipt)
  queue:create  --slug S --name N --domains ap,procurement [--description D] [--ttl-seconds T]
                (the scope domains the queue governs: a proposal with a scope of any other domain is
                refused, 403 queue_not_allowed; recorded as a receipt)
  queue:domains --slug S --domains ap,procurement
                (replaces the domains a queue governs; applies to the next proposal; recorded as a receipt)
  queue:separation-of-duties --slug S --enabled true|false --reason R
                (false only for one-person installs; the change is recorded as a receipt)
  agent:create  --name N --sponsor EMAIL --scopes "ap:read,ap:write:draft,ap:commit"
                (prints the new API key as the last line; it is shown only once)
  agent:list
  agent:revoke  --name N   (disables the agent and all its keys at once)
  agent:stop    --name N --reason R   (containment: keys off at once, pending proposals cancelled,
                approved-but-unexecuted ones revoked, all recorded)
  tool:create   --name N   (registers a tool that may redeem approval tokens online; prints its key
                as the last line, once)
  tool:list
  tool:revoke   --name N   (its key stops working at once; recorded as a receipt)
  proposal:revoke --id ID --reason R  (withdraws an approval the agent has not executed yet)
  proposals:expire         (marks overdue pending proposals expired, with receipts; the app also does this every minute)
  insights:rebuild         (recomputes the insight pages' daily rollups from the whole history; run once after
                upgrading, and after bulk imports; run it while nothing writes)
  policies:check           (validates the Cedar policies as start-up does and lists their ids; exit 1 names the bad line)
  policies:simulate --dir D [--days 30]
                (dry-run: asks the Cedar policies in folder D every question of the last N days' proposals and
                decisions, next to the live set; prints what would have changed, the last line a JSON summary
                {"evaluated", "changed", "by_kind"}; reads only; exit 1 names an invalid policy's file:line:col)
  policies:apply --dir D --reason R   (puts the .cedar files of folder D in force instead of the files, stored as a
                new policy version with a receipt of the old and new digests; servers switch within seconds)
  policies:versions        (the applied policy versions, newest (in force) first)
  policies:restore --id ID --reason R   (applies an earlier version again, as a new version that names it)
  agent:webhook --name N --url U   (sets the agent's signed-webhook callback; prints the new signing secret as the last line, once)
  agent:webhook:remove --name N    (removes it; undelivered events are dropped)
  webhooks:deliver [--name AGENT]   (sends due webhooks now; the app also does this every few seconds)
  receipts:verify [--file export.jsonl --jwks jwks.json] [--witness checkpoint-witness.jsonl] [--workers N]
                (--workers N: the database's receipts are read and hashed on N worker threads, for a machine
                with idle cores; by default in this thread; the verdict is the same either way)
                (also holds the chain against the checkpoint witness: the signer's CHECKPOINT_WITNESS_FILE by
                default, or the copy --witness names; a witnessed checkpoint missing or not matching fails)
                (checks the receipt chain against the signed checkpoints, in the database or in an
                exported file offline; exit 0 intact, 1 broken (names the first broken receipt, or old receipts
                that no signed checkpoint covers), 2 partial file: NOT a pass, deletions were not ruled out)
  receipts:checkpoint      (signs the chain's head now; the app also does this every CHECKPOINT_SECONDS. Refuses,
                exit 1, when the chain no longer extends the last signed checkpoint; signs the first one on a new install)
`;

class UsageError extends Error {}

/** Progress of a long command on stderr: one line redrawn on a terminal, a line per step otherwise. */
function terminalProgress(line: string, final: boolean) {
  if (process.stderr.isTTY) process.stderr.write(`\r${line}${final ? "\n" : ""}`);
  else process.stderr.write(`${line}\n`);
}

function required(values: Record<string, string | undefined>, ...names: string[]) {
  const missing = names.filter((n) => !values[n]);
  if (missing.length) throw new UsageError(`missing ${missing.map((n) => `--${n}`).join(", ")}`);
}

async function run(command: string | undefined, argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      password: { type: "string" },
      slug: { type: "string" },
      description: { type: "string" },
      "ttl-seconds": { type: "string" },
      sponsor: { type: "string" },
      scopes: { type: "string" },
      enabled: { type: "string" },
      reason: { type: "string" },
      id: { type: "string" },
      queue: { type: "string" },
      url: { type: "string" },
      file: { type: "string" },
      jwks: { type: "string" },
      witness: { type: "string" },
      domains: { type: "string" },
      dir: { type: "string" },
      days: { type: "string" },
      workers: { type: "string" },
    },
    strict: true,
  });
  switch (command) {
    case "user:create": {
      required(values, "email", "name", "role", "password");
      const user = await createUserAsAdmin(CLI_CALLER, { email: values.email!, name: values.name!, role: values.role as "viewer", password: values.password });
      console.log(`Created user ${user.email} (${user.name}), role ${user.role}, id ${user.id}; recorded as a receipt.`);
      return;
    }
    case "user:disable": {
      required(values, "email");
      const user = await setUserActiveByEmail(values.email!, false);
      console.log(user.changed ? `Disabled user ${user.email}, id ${user.id}; recorded as a receipt.` : `User ${user.email} was already disabled; nothing changed.`);
      return;
    }
    case "user:role": {
      required(values, "email", "role");
      const result = await setUserRoleByEmail(values.email!, values.role!);
      console.log(result.changed ? `User ${result.email} is now ${result.role} (was ${result.before}); recorded as a receipt.` : `User ${result.email} was already ${result.role}; nothing changed.`);
      return;
    }
    case "membership:set": {
      required(values, "email", "role");
      const result = await setMembershipByEmail(values.email!, values.queue ?? null, values.role!);
      const where = result.queue ? `queue ${result.queue}` : "every queue";
      console.log(
        result.changed
          ? `User ${result.email} on ${where}: ${result.role ?? "no membership"} (was ${result.before ?? "no membership"}); recorded as a receipt.`
          : `User ${result.email} on ${where} was already ${result.role ?? "without a membership"}; nothing changed.`,
      );
      return;
    }
    case "queue:create": {
      required(values, "slug", "name", "domains");
      const ttl = values["ttl-seconds"] ? Number(values["ttl-seconds"]) : undefined;
      const queue = await createQueue(CLI_CALLER, {
        slug: values.slug!,
        name: values.name!,
        description: values.description,
        defaultTtlSeconds: ttl,
        domains: splitDomainList(values.domains!),
      });
      console.log(`Created queue ${queue.slug} (${queue.name}), id ${queue.id}, governing ${queue.domains.join(", ")}; recorded as a receipt.`);
      return;
    }
    case "queue:domains": {
      required(values, "slug", "domains");
      const result = await setQueueDomains(CLI_CALLER, { slug: values.slug!, domains: splitDomainList(values.domains!) });
      console.log(
        result.changed
          ? `Queue ${result.slug} now governs ${result.domains.join(", ")} (was ${result.before.join(", ") || "nothing"}); recorded as a receipt.`
          : `Queue ${result.slug} already governs ${result.domains.join(", ")}; nothing changed.`,
      );
      return;
    }
    case "queue:separation-of-duties": {
      required(values, "slug", "enabled", "reason");
      if (values.enabled !== "true" && values.enabled !== "false") throw new UsageError("--enabled must be true or false");
      const result = await setSeparationOfDuties(values.slug!, values.enabled === "true", { type: "system", id: "cli", name: "Command line" }, values.reason!);
      console.log(
        result.changed
          ? `Separation of duties on queue ${result.slug} is now ${result.enabled ? "on" : "OFF"}; recorded as a receipt.`
          : `Separation of duties on queue ${result.slug} was already ${result.enabled ? "on" : "off"}; nothing changed.`,
      );
      return;
    }
    case "agent:create": {
      required(values, "name", "sponsor", "scopes");
      const { scopes, invalid } = parseScopeList(values.scopes!);
      if (invalid.length) throw new UsageError(`not scopes: ${invalid.join(", ")} (expected <domain>:<tier>, tier read, write:draft or commit)`);
      const agent = await createAgent({ name: values.name!, sponsorEmail: values.sponsor!, scopes });
      console.log(`Created agent ${agent.name} (id ${agent.id}), sponsored by ${agent.sponsorEmail}`);
      console.log(`Scopes: ${agent.scopes.join(", ")}`);
      console.log(`Key prefix: ${agent.keyPrefix}. The API key below is shown only once; store it now.`);
      console.log(agent.apiKey);
      return;
    }
    case "agent:list": {
      const agents = await listAgentsForAdmin();
      if (agents.length === 0) {
        console.log("No agents yet. Create one with: npm run cli -- agent:create --name N --sponsor EMAIL --scopes S");
        return;
      }
      // Active keys' prefixes, or the newest key's when none is active.
      const prefixes = (a: (typeof agents)[number]) => {
        const active = a.keys.filter((k) => !k.revokedAt);
        return (active.length ? active : a.keys.slice(0, 1)).map((k) => k.prefix).join(",") || "-";
      };
      const rows = agents.map((a) => [a.name, a.sponsor, a.scopes.join(","), prefixes(a), a.state]);
      for (const line of textTable(["NAME", "SPONSOR", "SCOPES", "KEY PREFIX", "STATE"], rows)) console.log(line);
      return;
    }
    case "agent:revoke": {
      required(values, "name");
      const result = await revokeAgent(values.name!);
      console.log(`Revoked agent ${result.name}: ${result.keysRevoked} key(s) revoked, the agent is disabled.`);
      return;
    }
    case "agent:stop": {
      required(values, "name", "reason");
      const r = await stopAgent(CLI_CALLER, { agentName: values.name!, reason: values.reason! });
      console.log(
        `Stopped agent ${r.name}${r.alreadyStopped ? " (it was already stopped)" : ""}: ${r.keysRevoked} key(s) revoked, ` +
          `${r.cancelled} pending proposal(s) cancelled, ${r.revoked} approval(s) revoked` +
          (r.leftRedeemed > 0 ? `, ${r.leftRedeemed} approval(s) left as they were (their token was already redeemed: watch for execution reports)` : "") +
          "; recorded as receipts.",
      );
      return;
    }
    case "tool:create": {
      required(values, "name");
      for (const line of await toolCreateCommand(values.name!)) console.log(line);
      return;
    }
    case "tool:list": {
      for (const line of await toolListCommand()) console.log(line);
      return;
    }
    case "tool:revoke": {
      required(values, "name");
      for (const line of await toolRevokeCommand(values.name!)) console.log(line);
      return;
    }
    case "proposal:revoke": {
      required(values, "id", "reason");
      const r = await revokeApproval(CLI_CALLER, { proposalId: values.id!, reason: values.reason! });
      console.log(`Revoked the approval of proposal ${r.id}; recorded as a receipt.`);
      return;
    }
    case "policies:check": {
      for (const line of policiesCheckCommand()) console.log(line);
      return;
    }
    case "insights:rebuild": {
      const started = Date.now();
      const summary = await rebuildInsights();
      console.log(`rebuilt the insight rollups from ${summary.proposals} proposals: ${summary.dailyRows} daily rows, ${summary.queueDailyRows} per queue, ${summary.agentDailyRows} per agent, ${summary.latencyRows} latency rows, ${summary.personRows} person rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      // Planted by SQL: such a row is left out of the counts, not a failed rebuild; its page names the value.
      if (summary.unreadable > 0) console.log(`left out ${summary.unreadable} proposal(s) with a stored date that cannot be read (changed directly in the database?); check the receipt chain with receipts:verify`);
      return;
    }
    case "proposals:expire": {
      const expired = await expireOverdueProposals();
      console.log(expired === 0 ? "No overdue pending proposals." : `Expired ${expired} overdue proposal(s), each with a receipt.`);
      return;
    }
    case "agent:webhook": {
      required(values, "name", "url");
      for (const line of await agentWebhookCommand(values.name!, values.url!)) console.log(line);
      return;
    }
    case "agent:webhook:remove": {
      required(values, "name");
      for (const line of await agentWebhookCommand(values.name!, null)) console.log(line);
      return;
    }
    case "webhooks:deliver": {
      console.log(await deliverWebhooksCommand(values.name));
      return;
    }
    case "receipts:verify": {
      const { lines, exitCode } = await receiptsVerifyCommand({ file: values.file, jwks: values.jwks, witness: values.witness, workers: values.workers }, terminalProgress);
      for (const line of lines) console.log(line);
      process.exitCode = exitCode;
      return;
    }
    case "policies:simulate": {
      required(values, "dir");
      for (const line of await policiesSimulateCommand({ dir: values.dir!, days: values.days }, terminalProgress)) console.log(line);
      return;
    }
    case "policies:apply": {
      required(values, "dir", "reason");
      for (const line of await policiesApplyCommand(values.dir!, values.reason!)) console.log(line);
      return;
    }
    case "policies:versions": {
      for (const line of await policiesVersionsCommand()) console.log(line);
      return;
    }
    case "policies:restore": {
      required(values, "id", "reason");
      for (const line of await policiesRestoreCommand(values.id!, values.reason!)) console.log(line);
      return;
    }
    case "receipts:checkpoint": {
      console.log(await receiptsCheckpointCommand());
      return;
    }
    default:
      throw new UsageError(command ? `unknown command ${command}` : "no command given");
  }
}

const [command, ...rest] = process.argv.slice(2);
try {
  await run(command, rest);
  await db.$disconnect();
} catch (error) {
  await db.$disconnect().catch(() => {});
  if (error instanceof AppError) {
    // Domain errors (lib/base/app-error.ts): the message is written for a person; the kind needs no translation here.
    console.error(`error: ${error.message}`);
  } else if (error instanceof ZodError) {
    for (const issue of error.issues) console.error(`error: ${issue.path.join(".") || "input"}: ${issue.message}`);
  } else if (error instanceof UsageError || (error instanceof TypeError && "code" in error)) {
    console.error(`error: ${error.message}\n\n${USAGE}`);
  } else if (error instanceof Error && error.constructor.name !== "Error" && !/Prisma/.test(error.constructor.name)) {
    console.error(`error: ${error.message}`);
  } else {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
}
