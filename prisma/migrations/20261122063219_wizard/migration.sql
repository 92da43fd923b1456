-- CreateEnum
CREATE TYPE "LawEnforcementOutcome" AS ENUM ('REPORTED', 'REFUSED');

-- CreateEnum
CREATE TYPE "NcmecReportMethod" AS ENUM ('CALL_CENTER', 'WEB', 'SYSTEM_TO_SYSTEM');

-- CreateTable
CREATE TABLE "Child" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "firstName" TEXT NOT NULL,
    "middleName" TEXT,
    "lastName" TEXT NOT NULL,
    "dateOfBirth" DATE NOT NULL,
    "agencyCaseNumber" TEXT NOT NULL,
    "underAgencyGuardianship" BOOLEAN NOT NULL,
    "profile" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Child_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Episode" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "childId" UUID NOT NULL,
    "caseworkerId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "completedSteps" TEXT[],
    "discoveredAt" TIMESTAMPTZ(3),
    "lastSeenAt" TIMESTAMPTZ(3),
    "missingEvent" JSONB,
    "description" JSONB,
    "risks" JSONB,
    "contacts" JSONB,
    "guardian" JSONB,
    "prefill" JSONB,
    "submittedAt" TIMESTAMPTZ(3),
    "submittedById" UUID,
    "closedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Episode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LawEnforcementReport" (
    "id" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "outcome" "LawEnforcementOutcome" NOT NULL,
    "agencyName" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "officerName" TEXT,
    "badgeNumber" TEXT,
    "caseNumber" TEXT,
    "reportedAt" TIMESTAMPTZ(3) NOT NULL,
    "ncicEntered" TEXT,
    "ncicNumber" TEXT,
    "refusedBy" TEXT,
    "refusalStatement" TEXT,
    "lateReason" TEXT,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LawEnforcementReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NcmecReport" (
    "id" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "reportedAt" TIMESTAMPTZ(3) NOT NULL,
    "method" "NcmecReportMethod" NOT NULL,
    "ncmecCaseNumber" TEXT,
    "contactName" TEXT,
    "lateReason" TEXT,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NcmecReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EpisodeDraft" (
    "episodeId" UUID NOT NULL,
    "step" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "values" JSONB NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EpisodeDraft_pkey" PRIMARY KEY ("episodeId","step","userId")
);

-- CreateIndex
CREATE INDEX "Child_agencyId_lastName_firstName_idx" ON "Child"("agencyId", "lastName", "firstName");

-- CreateIndex
CREATE INDEX "Child_agencyId_agencyCaseNumber_idx" ON "Child"("agencyId", "agencyCaseNumber");

-- CreateIndex
CREATE INDEX "Episode_agencyId_closedAt_discoveredAt_idx" ON "Episode"("agencyId", "closedAt", "discoveredAt");

-- CreateIndex
CREATE INDEX "Episode_childId_closedAt_idx" ON "Episode"("childId", "closedAt");

-- CreateIndex
CREATE UNIQUE INDEX "LawEnforcementReport_episodeId_key" ON "LawEnforcementReport"("episodeId");

-- CreateIndex
CREATE UNIQUE INDEX "NcmecReport_episodeId_key" ON "NcmecReport"("episodeId");

-- AddForeignKey
ALTER TABLE "Child" ADD CONSTRAINT "Child_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Episode" ADD CONSTRAINT "Episode_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Episode" ADD CONSTRAINT "Episode_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Episode" ADD CONSTRAINT "Episode_caseworkerId_fkey" FOREIGN KEY ("caseworkerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LawEnforcementReport" ADD CONSTRAINT "LawEnforcementReport_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NcmecReport" ADD CONSTRAINT "NcmecReport_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EpisodeDraft" ADD CONSTRAINT "EpisodeDraft_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EpisodeDraft" ADD CONSTRAINT "EpisodeDraft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
