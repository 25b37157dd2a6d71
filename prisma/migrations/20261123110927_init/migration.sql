-- CreateEnum
CREATE TYPE "ScanTrigger" AS ENUM ('schedule', 'manual', 'cli');

-- CreateEnum
CREATE TYPE "ScanStatus" AS ENUM ('queued', 'running', 'succeeded', 'partial', 'failed');

-- CreateEnum
CREATE TYPE "UnitState" AS ENUM ('queued', 'running', 'succeeded', 'partial', 'failed');

-- CreateEnum
CREATE TYPE "FindingStatus" AS ENUM ('open', 'resolved', 'suppressed');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('critical', 'high', 'medium', 'low', 'informational');

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "roleArn" TEXT,
    "externalId" TEXT,
    "regions" TEXT[],
    "schedule" TEXT NOT NULL DEFAULT '0 */6 * * *',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScanRun" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "trigger" "ScanTrigger" NOT NULL,
    "status" "ScanStatus" NOT NULL DEFAULT 'queued',
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "ScanRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScanUnit" (
    "id" TEXT NOT NULL,
    "scanId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "state" "UnitState" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedBy" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "resourceCount" INTEGER NOT NULL DEFAULT 0,
    "apiCalls" INTEGER NOT NULL DEFAULT 0,
    "throttles" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "ScanUnit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LambdaFunction" (
    "arn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "runtime" TEXT,
    "packageType" TEXT,
    "roleArn" TEXT,
    "handler" TEXT,
    "memorySize" INTEGER,
    "timeout" INTEGER,
    "lastModified" TEXT,
    "hasPolicy" BOOLEAN,
    "urlAuthType" TEXT,
    "config" JSONB NOT NULL,
    "raw" JSONB NOT NULL,
    "configHash" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "lastScanId" TEXT,

    CONSTRAINT "LambdaFunction_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "ResourceHistory" (
    "id" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceArn" TEXT NOT NULL,
    "scanId" TEXT,
    "configHash" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "change" TEXT NOT NULL,
    "capturedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResourceHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceArn" TEXT NOT NULL,
    "resourceName" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "severityRank" INTEGER NOT NULL,
    "status" "FindingStatus" NOT NULL DEFAULT 'open',
    "title" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "reopenedCount" INTEGER NOT NULL DEFAULT 0,
    "lastScanId" TEXT,

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FindingEvent" (
    "id" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "scanId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "detail" TEXT,

    CONSTRAINT "FindingEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuleEvaluation" (
    "id" TEXT NOT NULL,
    "scanId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "pass" INTEGER NOT NULL,
    "fail" INTEGER NOT NULL,
    "unknown" INTEGER NOT NULL,

    CONSTRAINT "RuleEvaluation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ScanRun_accountId_requestedAt_idx" ON "ScanRun"("accountId", "requestedAt" DESC);

-- CreateIndex
CREATE INDEX "ScanRun_status_idx" ON "ScanRun"("status");

-- CreateIndex
CREATE INDEX "ScanUnit_state_idx" ON "ScanUnit"("state");

-- CreateIndex
CREATE UNIQUE INDEX "ScanUnit_scanId_service_region_key" ON "ScanUnit"("scanId", "service", "region");

-- CreateIndex
CREATE INDEX "LambdaFunction_accountId_region_idx" ON "LambdaFunction"("accountId", "region");

-- CreateIndex
CREATE INDEX "LambdaFunction_deletedAt_idx" ON "LambdaFunction"("deletedAt");

-- CreateIndex
CREATE INDEX "ResourceHistory_resourceType_resourceArn_capturedAt_idx" ON "ResourceHistory"("resourceType", "resourceArn", "capturedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Finding_fingerprint_key" ON "Finding"("fingerprint");

-- CreateIndex
CREATE INDEX "Finding_status_severityRank_id_idx" ON "Finding"("status", "severityRank" DESC, "id");

-- CreateIndex
CREATE INDEX "Finding_accountId_status_idx" ON "Finding"("accountId", "status");

-- CreateIndex
CREATE INDEX "Finding_ruleId_status_idx" ON "Finding"("ruleId", "status");

-- CreateIndex
CREATE INDEX "Finding_resourceArn_idx" ON "Finding"("resourceArn");

-- CreateIndex
CREATE INDEX "FindingEvent_findingId_at_idx" ON "FindingEvent"("findingId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "RuleEvaluation_scanId_ruleId_region_key" ON "RuleEvaluation"("scanId", "ruleId", "region");

-- AddForeignKey
ALTER TABLE "ScanRun" ADD CONSTRAINT "ScanRun_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScanUnit" ADD CONSTRAINT "ScanUnit_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "ScanRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LambdaFunction" ADD CONSTRAINT "LambdaFunction_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingEvent" ADD CONSTRAINT "FindingEvent_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;
