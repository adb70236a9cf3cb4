-- A token that changes whenever what an agent's API key grants may have changed: the key itself (its
-- hash, its agent, its revocation), its agent (name, scopes, sponsor, stopped), the agent's standing
-- approvals (whether one is live). Set by the triggers below, in the writer's own transaction, so every
-- writer is covered: the app, its command line, another app instance, a hand-written statement. The key
-- look-up at each agent request (lib/agents/authenticate-agent.ts) keeps what it read with the token it
-- read it at, and on the next request reads only the token: the same token, the same answer. What changes
-- at every request is left out: the key's "last used" time, the agent row's updatedAt (intake's lock on
-- it), a standing approval's use counts. A random token rather than a counter: a database recreated or
-- restored never shows a value an earlier one had. Not in schema.prisma: Prisma never reads or writes it
-- through the client.
CREATE TABLE "CredentialsVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "token" TEXT NOT NULL
);

INSERT INTO "CredentialsVersion" ("id", "token") VALUES (1, lower(hex(randomblob(16))));

CREATE TRIGGER "ApiKey_credentials_insert" AFTER INSERT ON "ApiKey" BEGIN
  UPDATE "CredentialsVersion" SET "token" = lower(hex(randomblob(16))) WHERE "id" = 1;
END;

CREATE TRIGGER "ApiKey_credentials_update" AFTER UPDATE OF "id", "agentId", "hash", "revokedAt" ON "ApiKey" BEGIN
  UPDATE "CredentialsVersion" SET "token" = lower(hex(randomblob(16))) WHERE "id" = 1;
END;

CREATE TRIGGER "ApiKey_credentials_delete" AFTER DELETE ON "ApiKey" BEGIN
  UPDATE "CredentialsVersion" SET "token" = lower(hex(randomblob(16))) WHERE "id" = 1;
END;

CREATE TRIGGER "Agent_credentials_update" AFTER UPDATE OF "id", "name", "scopes", "sponsorId", "disabled" ON "Agent" BEGIN
  UPDATE "CredentialsVersion" SET "token" = lower(hex(randomblob(16))) WHERE "id" = 1;
END;

CREATE TRIGGER "Agent_credentials_delete" AFTER DELETE ON "Agent" BEGIN
  UPDATE "CredentialsVersion" SET "token" = lower(hex(randomblob(16))) WHERE "id" = 1;
END;

CREATE TRIGGER "StandingApproval_credentials_insert" AFTER INSERT ON "StandingApproval" BEGIN
  UPDATE "CredentialsVersion" SET "token" = lower(hex(randomblob(16))) WHERE "id" = 1;
END;

CREATE TRIGGER "StandingApproval_credentials_update" AFTER UPDATE OF "id", "agentId", "revokedAt", "expiresAt" ON "StandingApproval" BEGIN
  UPDATE "CredentialsVersion" SET "token" = lower(hex(randomblob(16))) WHERE "id" = 1;
END;

CREATE TRIGGER "StandingApproval_credentials_delete" AFTER DELETE ON "StandingApproval" BEGIN
  UPDATE "CredentialsVersion" SET "token" = lower(hex(randomblob(16))) WHERE "id" = 1;
END;
