-- AlterTable
ALTER TABLE "Agency" ADD COLUMN     "escalationMinutes" INTEGER NOT NULL DEFAULT 120,
ADD COLUMN     "reminderFirstPercent" INTEGER NOT NULL DEFAULT 50,
ADD COLUMN     "reminderSecondPercent" INTEGER NOT NULL DEFAULT 75;

-- AlterTable
ALTER TABLE "Episode" ADD COLUMN     "traffickingConcern" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "EpisodeAssignment" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "caseworkerId" UUID NOT NULL,
    "fromAt" TIMESTAMPTZ(3) NOT NULL,
    "untilAt" TIMESTAMPTZ(3),
    "assignedById" UUID NOT NULL,

    CONSTRAINT "EpisodeAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EpisodeAssignment_episodeId_fromAt_idx" ON "EpisodeAssignment"("episodeId", "fromAt");

-- CreateIndex
CREATE INDEX "EpisodeAssignment_agencyId_caseworkerId_idx" ON "EpisodeAssignment"("agencyId", "caseworkerId");

-- CreateIndex
CREATE INDEX "Episode_childId_discoveredAt_idx" ON "Episode"("childId", "discoveredAt");

-- CreateIndex
CREATE INDEX "EpisodeClock_agencyId_kind_startedAt_idx" ON "EpisodeClock"("agencyId", "kind", "startedAt");

-- AddForeignKey
ALTER TABLE "EpisodeAssignment" ADD CONSTRAINT "EpisodeAssignment_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every existing episode's current caseworker, from when it was started (earlier reassignments
-- were recorded only in the audit trail).
INSERT INTO "EpisodeAssignment" ("id", "agencyId", "episodeId", "caseworkerId", "fromAt", "untilAt", "assignedById")
SELECT gen_random_uuid(), "agencyId", "id", "caseworkerId", "createdAt", NULL, "caseworkerId" FROM "Episode";

-- The dashboard's trafficking flag for existing episodes (syncEpisode() keeps it from now on).
UPDATE "Episode" e SET "traffickingConcern" = true
WHERE (e."risks" -> 'sexualExploitation' ->> 'present') IN ('true', 'yes')
   OR EXISTS (SELECT 1 FROM "TraffickingScreen" s WHERE s."episodeId" = e."id" AND s."result" <> 'NONE')
   OR EXISTS (SELECT 1 FROM "TraffickingDetermination" d WHERE d."episodeId" = e."id" AND (d."sex" <> 'NOT_A_VICTIM' OR d."labor" <> 'NOT_A_VICTIM'));
