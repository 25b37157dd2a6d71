-- AlterTable
ALTER TABLE "Finding" ADD COLUMN     "suppressionId" TEXT;

-- CreateTable
CREATE TABLE "Suppression" (
    "id" TEXT NOT NULL,
    "ruleId" TEXT,
    "accountId" TEXT,
    "resourcePattern" TEXT,
    "tagKey" TEXT,
    "tagValue" TEXT,
    "reason" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedBy" TEXT,

    CONSTRAINT "Suppression_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Suppression_revokedAt_expiresAt_idx" ON "Suppression"("revokedAt", "expiresAt");

-- CreateIndex
CREATE INDEX "Finding_suppressionId_idx" ON "Finding"("suppressionId");

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_suppressionId_fkey" FOREIGN KEY ("suppressionId") REFERENCES "Suppression"("id") ON DELETE SET NULL ON UPDATE CASCADE;
