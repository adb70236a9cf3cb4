-- A token that changes whenever what an agent's API key grants may have changed: the key itself (its
-- hash, its agent, its revocation), its agent (name, scopes, sponsor, stopped), the agent's standing
-- approvals (whether one is live). Set by the triggers below, in the writer's own transaction, so every
-- writer is covered: the app, its command line, another app instance, a hand-written statement. The key
-- look-up at each agent request (lib/agents/authenticate-agent.ts) keeps what it read with the token it
-- read it at, and on the next request reads only the token: the same token, the same answer. What changes
-- at every request is left out: the key's "last used" time, the agent row's updatedAt (intake's lock on
-- it), a standing approval's use counts. A random token rather than a counter: a database recreated or
-- restored never shows a value an earlier one had. Not in schema.prisma: Prisma never reads or writes it
-- through the client. Statement triggers: an UPDATE naming a listed column fires once, changed rows or not.
CREATE TABLE "CredentialsVersion" (
    "id" INTEGER NOT NULL,
    "token" TEXT NOT NULL,

    CONSTRAINT "CredentialsVersion_pkey" PRIMARY KEY ("id")
);

INSERT INTO "CredentialsVersion" ("id", "token") VALUES (1, md5(random()::text || clock_timestamp()::text));

-- search_path as at migration time: the trigger finds its table whatever the writer's session has.
CREATE FUNCTION "credentials_changed"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  UPDATE "CredentialsVersion" SET "token" = md5(random()::text || clock_timestamp()::text) WHERE "id" = 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER "ApiKey_credentials_insert_delete" AFTER INSERT OR DELETE ON "ApiKey" FOR EACH STATEMENT EXECUTE FUNCTION "credentials_changed"();
CREATE TRIGGER "ApiKey_credentials_update" AFTER UPDATE OF "id", "agentId", "hash", "revokedAt" ON "ApiKey" FOR EACH STATEMENT EXECUTE FUNCTION "credentials_changed"();
CREATE TRIGGER "Agent_credentials_delete" AFTER DELETE ON "Agent" FOR EACH STATEMENT EXECUTE FUNCTION "credentials_changed"();
CREATE TRIGGER "Agent_credentials_update" AFTER UPDATE OF "id", "name", "scopes", "sponsorId", "disabled" ON "Agent" FOR EACH STATEMENT EXECUTE FUNCTION "credentials_changed"();
CREATE TRIGGER "StandingApproval_credentials_insert_delete" AFTER INSERT OR DELETE ON "StandingApproval" FOR EACH STATEMENT EXECUTE FUNCTION "credentials_changed"();
CREATE TRIGGER "StandingApproval_credentials_update" AFTER UPDATE OF "id", "agentId", "revokedAt", "expiresAt" ON "StandingApproval" FOR EACH STATEMENT EXECUTE FUNCTION "credentials_changed"();
