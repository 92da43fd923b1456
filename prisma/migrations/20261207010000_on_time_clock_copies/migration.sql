-- The on-time report reads its figures and lists from one index range (decision 026): each clock row
-- keeps the caseworker it counts against, whether it was met on time and whether it was met by a
-- documented refusal, as syncEpisode() derives them. Existing rows are filled here by the same rules.
ALTER TABLE "EpisodeClock"
  ADD COLUMN "creditedCaseworkerId" UUID,
  ADD COLUMN "metOnTime" BOOLEAN,
  ADD COLUMN "metByRefusal" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "returnScreened" BOOLEAN,
  ADD COLUMN "victimReportedIn24h" BOOLEAN;

-- Met on time: met no later than the deadline (clockState in src/domain/clocks.ts).
UPDATE "EpisodeClock" SET "metOnTime" = ("doneAt" <= "deadline") WHERE "doneAt" IS NOT NULL;

UPDATE "EpisodeClock" c SET "metByRefusal" = true
  FROM "LawEnforcementReport" l
 WHERE l."episodeId" = c."episodeId" AND c."kind" = 'LAW_ENFORCEMENT_REPORT' AND l."outcome" = 'REFUSED';

-- The caseworker assigned when the clock was met or, never met, at its deadline; before the first
-- assignment the first one, after the last the last; without any history the episode's caseworker
-- (creditedCaseworker in src/domain/on-time-rate.ts).
UPDATE "EpisodeClock" c SET "creditedCaseworkerId" = COALESCE(
  (SELECT a."caseworkerId" FROM "EpisodeAssignment" a
    WHERE a."episodeId" = c."episodeId" AND a."fromAt" <= COALESCE(c."doneAt", c."deadline")
      AND (a."untilAt" IS NULL OR COALESCE(c."doneAt", c."deadline") < a."untilAt")
    ORDER BY a."fromAt" LIMIT 1),
  (SELECT a."caseworkerId" FROM "EpisodeAssignment" a
    WHERE a."episodeId" = c."episodeId" AND COALESCE(c."doneAt", c."deadline") < a."fromAt"
    ORDER BY a."fromAt" LIMIT 1),
  (SELECT a."caseworkerId" FROM "EpisodeAssignment" a WHERE a."episodeId" = c."episodeId" ORDER BY a."fromAt" DESC LIMIT 1),
  (SELECT e."caseworkerId" FROM "Episode" e WHERE e."id" = c."episodeId"));

ALTER TABLE "EpisodeClock" ALTER COLUMN "creditedCaseworkerId" SET NOT NULL;

-- A return (its debrief clock): screened when the episode has a trafficking screen; identified as a
-- victim when it has a trafficking report's clock, reported within 24 hours when met within 24 hours
-- of its start (traffickingFigures in src/domain/on-time-rate.ts).
UPDATE "EpisodeClock" c SET
  "returnScreened" = EXISTS (SELECT 1 FROM "TraffickingScreen" s WHERE s."episodeId" = c."episodeId"),
  "victimReportedIn24h" = (SELECT t."doneAt" IS NOT NULL AND t."doneAt" - t."startedAt" <= interval '24 hours'
                             FROM "EpisodeClock" t WHERE t."episodeId" = c."episodeId" AND t."kind" = 'TRAFFICKING_REPORT' AND t."subject" = '')
 WHERE c."kind" = 'DEBRIEF';

DROP INDEX "EpisodeClock_agencyId_kind_startedAt_idx";
CREATE INDEX "EpisodeClock_on_time_idx" ON "EpisodeClock"("agencyId", "kind", "startedAt", "creditedCaseworkerId", "metOnTime", "metByRefusal", "deadline", "id");
CREATE INDEX "EpisodeClock_returns_idx" ON "EpisodeClock"("agencyId", "startedAt", "returnScreened", "victimReportedIn24h", "id") WHERE kind = 'DEBRIEF'::"ClockKind";
