-- CreateTable
CREATE TABLE "LambdaLayerVersion" (
    "arn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "raw" JSONB NOT NULL,
    "configHash" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "lastScanId" TEXT,
    "layerName" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "compatibleRuntimes" TEXT[],
    "hasPolicy" BOOLEAN,

    CONSTRAINT "LambdaLayerVersion_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "LambdaEventSourceMapping" (
    "arn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "raw" JSONB NOT NULL,
    "configHash" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "lastScanId" TEXT,
    "functionArn" TEXT,
    "eventSourceArn" TEXT,
    "sourceService" TEXT,
    "state" TEXT,
    "batchSize" INTEGER,

    CONSTRAINT "LambdaEventSourceMapping_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "LambdaAccountSettings" (
    "arn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "raw" JSONB NOT NULL,
    "configHash" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "lastScanId" TEXT,

    CONSTRAINT "LambdaAccountSettings_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "IamRole" (
    "arn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "raw" JSONB NOT NULL,
    "configHash" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "lastScanId" TEXT,
    "path" TEXT,
    "trustedServices" TEXT[],
    "hasPermissionsBoundary" BOOLEAN NOT NULL DEFAULT false,
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "IamRole_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "IamUser" (
    "arn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "raw" JSONB NOT NULL,
    "configHash" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "lastScanId" TEXT,
    "path" TEXT,

    CONSTRAINT "IamUser_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "IamGroup" (
    "arn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "raw" JSONB NOT NULL,
    "configHash" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "lastScanId" TEXT,
    "path" TEXT,

    CONSTRAINT "IamGroup_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "IamPolicy" (
    "arn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "raw" JSONB NOT NULL,
    "configHash" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "lastScanId" TEXT,
    "isAwsManaged" BOOLEAN NOT NULL,
    "attachmentCount" INTEGER,
    "defaultVersionId" TEXT,

    CONSTRAINT "IamPolicy_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "ApiGatewayRestApi" (
    "arn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "raw" JSONB NOT NULL,
    "configHash" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "lastScanId" TEXT,
    "endpointType" TEXT,
    "disableExecuteApiEndpoint" BOOLEAN,
    "methodCount" INTEGER NOT NULL DEFAULT 0,
    "stageCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ApiGatewayRestApi_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "ApiGatewayDomainName" (
    "arn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "raw" JSONB NOT NULL,
    "configHash" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "lastScanId" TEXT,
    "endpointType" TEXT,
    "securityPolicy" TEXT,
    "mutualTls" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ApiGatewayDomainName_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "ApiGatewayUsagePlan" (
    "arn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "raw" JSONB NOT NULL,
    "configHash" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "lastScanId" TEXT,

    CONSTRAINT "ApiGatewayUsagePlan_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "ApiGatewayApiKey" (
    "arn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "raw" JSONB NOT NULL,
    "configHash" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "lastScanId" TEXT,
    "enabled" BOOLEAN,

    CONSTRAINT "ApiGatewayApiKey_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "ApiGatewayV2Api" (
    "arn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "raw" JSONB NOT NULL,
    "configHash" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "lastScanId" TEXT,
    "protocolType" TEXT NOT NULL,
    "disableExecuteApiEndpoint" BOOLEAN,
    "routeCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ApiGatewayV2Api_pkey" PRIMARY KEY ("arn")
);

-- CreateIndex
CREATE INDEX "LambdaLayerVersion_accountId_region_idx" ON "LambdaLayerVersion"("accountId", "region");

-- CreateIndex
CREATE INDEX "LambdaLayerVersion_deletedAt_idx" ON "LambdaLayerVersion"("deletedAt");

-- CreateIndex
CREATE INDEX "LambdaEventSourceMapping_accountId_region_idx" ON "LambdaEventSourceMapping"("accountId", "region");

-- CreateIndex
CREATE INDEX "LambdaEventSourceMapping_deletedAt_idx" ON "LambdaEventSourceMapping"("deletedAt");

-- CreateIndex
CREATE INDEX "LambdaAccountSettings_accountId_region_idx" ON "LambdaAccountSettings"("accountId", "region");

-- CreateIndex
CREATE INDEX "LambdaAccountSettings_deletedAt_idx" ON "LambdaAccountSettings"("deletedAt");

-- CreateIndex
CREATE INDEX "IamRole_accountId_region_idx" ON "IamRole"("accountId", "region");

-- CreateIndex
CREATE INDEX "IamRole_deletedAt_idx" ON "IamRole"("deletedAt");

-- CreateIndex
CREATE INDEX "IamUser_accountId_region_idx" ON "IamUser"("accountId", "region");

-- CreateIndex
CREATE INDEX "IamUser_deletedAt_idx" ON "IamUser"("deletedAt");

-- CreateIndex
CREATE INDEX "IamGroup_accountId_region_idx" ON "IamGroup"("accountId", "region");

-- CreateIndex
CREATE INDEX "IamGroup_deletedAt_idx" ON "IamGroup"("deletedAt");

-- CreateIndex
CREATE INDEX "IamPolicy_accountId_region_idx" ON "IamPolicy"("accountId", "region");

-- CreateIndex
CREATE INDEX "IamPolicy_deletedAt_idx" ON "IamPolicy"("deletedAt");

-- CreateIndex
CREATE INDEX "ApiGatewayRestApi_accountId_region_idx" ON "ApiGatewayRestApi"("accountId", "region");

-- CreateIndex
CREATE INDEX "ApiGatewayRestApi_deletedAt_idx" ON "ApiGatewayRestApi"("deletedAt");

-- CreateIndex
CREATE INDEX "ApiGatewayDomainName_accountId_region_idx" ON "ApiGatewayDomainName"("accountId", "region");

-- CreateIndex
CREATE INDEX "ApiGatewayDomainName_deletedAt_idx" ON "ApiGatewayDomainName"("deletedAt");

-- CreateIndex
CREATE INDEX "ApiGatewayUsagePlan_accountId_region_idx" ON "ApiGatewayUsagePlan"("accountId", "region");

-- CreateIndex
CREATE INDEX "ApiGatewayUsagePlan_deletedAt_idx" ON "ApiGatewayUsagePlan"("deletedAt");

-- CreateIndex
CREATE INDEX "ApiGatewayApiKey_accountId_region_idx" ON "ApiGatewayApiKey"("accountId", "region");

-- CreateIndex
CREATE INDEX "ApiGatewayApiKey_deletedAt_idx" ON "ApiGatewayApiKey"("deletedAt");

-- CreateIndex
CREATE INDEX "ApiGatewayV2Api_accountId_region_idx" ON "ApiGatewayV2Api"("accountId", "region");

-- CreateIndex
CREATE INDEX "ApiGatewayV2Api_deletedAt_idx" ON "ApiGatewayV2Api"("deletedAt");

-- AddForeignKey
ALTER TABLE "LambdaLayerVersion" ADD CONSTRAINT "LambdaLayerVersion_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LambdaEventSourceMapping" ADD CONSTRAINT "LambdaEventSourceMapping_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LambdaAccountSettings" ADD CONSTRAINT "LambdaAccountSettings_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamRole" ADD CONSTRAINT "IamRole_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamUser" ADD CONSTRAINT "IamUser_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamGroup" ADD CONSTRAINT "IamGroup_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamPolicy" ADD CONSTRAINT "IamPolicy_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiGatewayRestApi" ADD CONSTRAINT "ApiGatewayRestApi_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiGatewayDomainName" ADD CONSTRAINT "ApiGatewayDomainName_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiGatewayUsagePlan" ADD CONSTRAINT "ApiGatewayUsagePlan_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiGatewayApiKey" ADD CONSTRAINT "ApiGatewayApiKey_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiGatewayV2Api" ADD CONSTRAINT "ApiGatewayV2Api_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
