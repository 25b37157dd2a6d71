-- AlterTable
ALTER TABLE "ScanUnit" ADD COLUMN     "completeKinds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "NeighbourResource" (
    "arn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "raw" JSONB NOT NULL,
    "configHash" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "lastScanId" TEXT,

    CONSTRAINT "NeighbourResource_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "RuleSetting" (
    "ruleId" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "RuleSetting_pkey" PRIMARY KEY ("ruleId")
);

-- CreateTable
CREATE TABLE "InstallationSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "InstallationSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "OpenApiDocument" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "apiArn" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "document" JSONB NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uploadedBy" TEXT,

    CONSTRAINT "OpenApiDocument_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NeighbourResource_accountId_region_kind_idx" ON "NeighbourResource"("accountId", "region", "kind");

-- CreateIndex
CREATE INDEX "NeighbourResource_deletedAt_idx" ON "NeighbourResource"("deletedAt");

-- CreateIndex
CREATE INDEX "NeighbourResource_kind_name_arn_idx" ON "NeighbourResource"("kind", "name", "arn");

-- CreateIndex
CREATE INDEX "OpenApiDocument_apiArn_uploadedAt_idx" ON "OpenApiDocument"("apiArn", "uploadedAt");

-- AddForeignKey
ALTER TABLE "NeighbourResource" ADD CONSTRAINT "NeighbourResource_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpenApiDocument" ADD CONSTRAINT "OpenApiDocument_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
