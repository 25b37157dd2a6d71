-- CreateTable
CREATE TABLE "PostureScore" (
    "id" TEXT NOT NULL,
    "scanId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "subjectArn" TEXT NOT NULL,
    "score" INTEGER,
    "passWeight" DOUBLE PRECISION NOT NULL,
    "totalWeight" DOUBLE PRECISION NOT NULL,
    "passed" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "failedBySeverity" JSONB NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PostureScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DailyPostureScore" (
    "day" DATE NOT NULL,
    "accountId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "subjectArn" TEXT NOT NULL,
    "score" INTEGER,
    "passed" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "failedBySeverity" JSONB NOT NULL,
    "scanId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DailyPostureScore_pkey" PRIMARY KEY ("day","accountId","scope","subjectArn")
);

-- CreateIndex
CREATE INDEX "PostureScore_accountId_scope_subjectArn_computedAt_idx" ON "PostureScore"("accountId", "scope", "subjectArn", "computedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "PostureScore_scanId_scope_subjectArn_key" ON "PostureScore"("scanId", "scope", "subjectArn");

-- CreateIndex
CREATE INDEX "DailyPostureScore_accountId_scope_day_idx" ON "DailyPostureScore"("accountId", "scope", "day");

-- AddForeignKey
ALTER TABLE "PostureScore" ADD CONSTRAINT "PostureScore_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DailyPostureScore" ADD CONSTRAINT "DailyPostureScore_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
