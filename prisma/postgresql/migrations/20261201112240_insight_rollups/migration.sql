-- CreateTable
CREATE TABLE "InsightDaily" (
    "day" TEXT NOT NULL,
    "queueId" TEXT NOT NULL,
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

    CONSTRAINT "InsightDaily_pkey" PRIMARY KEY ("day","queueId","agentId")
);

-- CreateTable
CREATE TABLE "InsightLatency" (
    "day" TEXT NOT NULL,
    "queueId" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InsightLatency_pkey" PRIMARY KEY ("day","queueId","bucket")
);

-- CreateTable
CREATE TABLE "InsightPersonDaily" (
    "day" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "approvals" INTEGER NOT NULL DEFAULT 0,
    "rejections" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InsightPersonDaily_pkey" PRIMARY KEY ("day","userId")
);

-- CreateTable
CREATE TABLE "InsightPersonLatency" (
    "day" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InsightPersonLatency_pkey" PRIMARY KEY ("day","userId","bucket")
);

