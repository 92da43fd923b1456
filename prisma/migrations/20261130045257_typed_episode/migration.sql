-- The typed episode (decision record 006): a stage, the age when missing and a risk flag kept as
-- columns for the lists, every deadline a row of EpisodeClock, and NCIC entry as a boolean. Rows
-- filed before this migration are backfilled here from the same facts episodeProgress() reads;
-- their Json answers keep the form's shape and are read through the legacy parsers.
-- CreateEnum
CREATE TYPE "EpisodeStage" AS ENUM ('AWAITING_LAW_ENFORCEMENT', 'AWAITING_NCMEC', 'READY_TO_SUBMIT', 'REPORTED', 'CLOSED');

-- CreateEnum
CREATE TYPE "ClockKind" AS ENUM ('LAW_ENFORCEMENT_REPORT', 'NCMEC_REPORT');

-- AlterTable
ALTER TABLE "Episode" ADD COLUMN     "ageAtMissing" INTEGER,
ADD COLUMN     "endangered" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "stage" "EpisodeStage" NOT NULL DEFAULT 'AWAITING_LAW_ENFORCEMENT';

-- AlterTable: "yes" / "no" / "unknown" become true / false / null, in place.
ALTER TABLE "LawEnforcementReport" ALTER COLUMN "ncicEntered" TYPE BOOLEAN
  USING CASE "ncicEntered" WHEN 'yes' THEN TRUE WHEN 'no' THEN FALSE ELSE NULL END;

-- CreateTable
CREATE TABLE "EpisodeClock" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "kind" "ClockKind" NOT NULL,
    "subject" TEXT NOT NULL DEFAULT '',
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "ruleHours" INTEGER NOT NULL,
    "deadline" TIMESTAMPTZ(3) NOT NULL,
    "doneAt" TIMESTAMPTZ(3),
    "lateReason" TEXT,

    CONSTRAINT "EpisodeClock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EpisodeClock_agencyId_doneAt_deadline_idx" ON "EpisodeClock"("agencyId", "doneAt", "deadline");

-- CreateIndex
CREATE UNIQUE INDEX "EpisodeClock_episodeId_kind_subject_key" ON "EpisodeClock"("episodeId", "kind", "subject");

-- CreateIndex
CREATE INDEX "Episode_agencyId_stage_discoveredAt_idx" ON "Episode"("agencyId", "stage", "discoveredAt");

-- CreateIndex
CREATE INDEX "Episode_agencyId_caseworkerId_idx" ON "Episode"("agencyId", "caseworkerId");

-- AddForeignKey
ALTER TABLE "EpisodeClock" ADD CONSTRAINT "EpisodeClock_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: the stage, as episodeProgress() derives it.
UPDATE "Episode" e SET "stage" = CASE
    WHEN e."closedAt" IS NOT NULL THEN 'CLOSED'::"EpisodeStage"
    WHEN e."submittedAt" IS NOT NULL THEN 'REPORTED'::"EpisodeStage"
    WHEN NOT EXISTS (SELECT 1 FROM "LawEnforcementReport" le WHERE le."episodeId" = e."id") THEN 'AWAITING_LAW_ENFORCEMENT'::"EpisodeStage"
    WHEN NOT EXISTS (SELECT 1 FROM "NcmecReport" n WHERE n."episodeId" = e."id") THEN 'AWAITING_NCMEC'::"EpisodeStage"
    ELSE 'READY_TO_SUBMIT'::"EpisodeStage"
  END;

-- Backfill: any risk answered yes (the form stored "yes").
UPDATE "Episode" e SET "endangered" = TRUE
  WHERE jsonb_typeof(e."risks") = 'object'
    AND EXISTS (SELECT 1 FROM jsonb_each(e."risks") r WHERE r.value->>'present' IN ('yes', 'true'));

-- Backfill: whole years on the day last seen in the agency's zone (a 29 February birthday counts on 1 March, as ageOn does).
UPDATE "Episode" e SET "ageAtMissing" = date_part('year', age((e."lastSeenAt" AT TIME ZONE a."timeZone")::date, c."dateOfBirth"))::int
  FROM "Child" c, "Agency" a
  WHERE c."id" = e."childId" AND a."id" = e."agencyId" AND e."lastSeenAt" IS NOT NULL;

-- Backfill: both reporting clocks, 24 hours from when the agency learned the child was missing.
INSERT INTO "EpisodeClock" ("id", "agencyId", "episodeId", "kind", "subject", "startedAt", "ruleHours", "deadline", "doneAt", "lateReason")
  SELECT gen_random_uuid(), e."agencyId", e."id", 'LAW_ENFORCEMENT_REPORT', '', e."discoveredAt", 24, e."discoveredAt" + interval '24 hours', le."reportedAt", le."lateReason"
  FROM "Episode" e LEFT JOIN "LawEnforcementReport" le ON le."episodeId" = e."id"
  WHERE e."discoveredAt" IS NOT NULL;
INSERT INTO "EpisodeClock" ("id", "agencyId", "episodeId", "kind", "subject", "startedAt", "ruleHours", "deadline", "doneAt", "lateReason")
  SELECT gen_random_uuid(), e."agencyId", e."id", 'NCMEC_REPORT', '', e."discoveredAt", 24, e."discoveredAt" + interval '24 hours', n."reportedAt", n."lateReason"
  FROM "Episode" e LEFT JOIN "NcmecReport" n ON n."episodeId" = e."id"
  WHERE e."discoveredAt" IS NOT NULL;
