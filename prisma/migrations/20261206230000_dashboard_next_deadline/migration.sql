-- The earliest deadline of an episode's clocks not met yet, kept by syncEpisode(): the dashboard
-- orders and counts open episodes by it through one partial index (decision 023).
ALTER TABLE "Episode" ADD COLUMN "nextDeadline" TIMESTAMPTZ(3);

UPDATE "Episode" e
   SET "nextDeadline" = k."deadline"
  FROM (SELECT "episodeId", min("deadline") AS "deadline" FROM "EpisodeClock" WHERE "doneAt" IS NULL GROUP BY "episodeId") k
 WHERE k."episodeId" = e."id";

-- CreateIndex
CREATE INDEX "Episode_open_nextDeadline_idx" ON "Episode"("agencyId", "nextDeadline", "discoveredAt", "createdAt", "id") WHERE ("closedAt" IS NULL AND stage <> 'VOIDED'::"EpisodeStage");
