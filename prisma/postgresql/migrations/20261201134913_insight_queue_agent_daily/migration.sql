-- CreateTable
CREATE TABLE "InsightQueueDaily" (
    "day" TEXT NOT NULL,
    "queueId" TEXT NOT NULL,
    "created" INTEGER NOT NULL DEFAULT 0,
    "autoApproved" INTEGER NOT NULL DEFAULT 0,
    "approved" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "approvedEdited" INTEGER NOT NULL DEFAULT 0,
    "expired" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "executed" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "digestMismatches" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InsightQueueDaily_pkey" PRIMARY KEY ("day","queueId")
);

-- CreateTable
CREATE TABLE "InsightAgentDaily" (
    "day" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "created" INTEGER NOT NULL DEFAULT 0,
    "autoApproved" INTEGER NOT NULL DEFAULT 0,
    "approved" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "approvedEdited" INTEGER NOT NULL DEFAULT 0,
    "expired" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "executed" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "digestMismatches" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InsightAgentDaily_pkey" PRIMARY KEY ("day","agentId")
);


-- Fill the new tables from the rollups already kept (the same sums the writers keep from now on).
INSERT INTO "InsightQueueDaily" ("day", "queueId", "created", "autoApproved", "approved", "rejected", "approvedEdited", "expired", "cancelled", "executed", "failed", "digestMismatches")
SELECT "day", "queueId", SUM("created"), SUM("autoApproved"), SUM("approved"), SUM("rejected"), SUM("approvedEdited"), SUM("expired"), SUM("cancelled"), SUM("executed"), SUM("failed"), SUM("digestMismatches")
FROM "InsightDaily" GROUP BY "day", "queueId";

INSERT INTO "InsightAgentDaily" ("day", "agentId", "created", "autoApproved", "approved", "rejected", "approvedEdited", "expired", "cancelled", "executed", "failed", "digestMismatches")
SELECT "day", "agentId", SUM("created"), SUM("autoApproved"), SUM("approved"), SUM("rejected"), SUM("approvedEdited"), SUM("expired"), SUM("cancelled"), SUM("executed"), SUM("failed"), SUM("digestMismatches")
FROM "InsightDaily" GROUP BY "day", "agentId";
