-- AlterTable
ALTER TABLE "Episode" ADD COLUMN     "caseworkerName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "childSortName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "reportDeadline" TIMESTAMPTZ(3);

-- The copies the case list sorts by (decision 017), for the episodes there are.
UPDATE "Episode" e
   SET "childSortName" = c."lastName" || ', ' || c."firstName" || COALESCE(' ' || NULLIF(c."middleName", ''), ''),
       "caseworkerName" = u."name"
  FROM "Child" c, "User" u
 WHERE c."id" = e."childId" AND u."id" = e."caseworkerId";

UPDATE "Episode" e
   SET "reportDeadline" = k."deadline"
  FROM "EpisodeClock" k
 WHERE k."episodeId" = e."id" AND k."kind" = 'LAW_ENFORCEMENT_REPORT'::"ClockKind" AND k."subject" = '';

-- CreateIndex
CREATE INDEX "Episode_agencyId_reportDeadline_id_idx" ON "Episode"("agencyId", "reportDeadline", "id");

-- CreateIndex
CREATE INDEX "Episode_open_reportDeadline_idx" ON "Episode"("agencyId", "reportDeadline", "id") WHERE ("closedAt" IS NULL AND stage <> 'VOIDED'::"EpisodeStage");

-- CreateIndex
CREATE INDEX "Episode_agencyId_stage_reportDeadline_id_idx" ON "Episode"("agencyId", "stage", "reportDeadline", "id");

-- CreateIndex
CREATE INDEX "Episode_agencyId_childSortName_id_idx" ON "Episode"("agencyId", "childSortName", "id");

-- CreateIndex
CREATE INDEX "Episode_open_childSortName_idx" ON "Episode"("agencyId", "childSortName", "id") WHERE ("closedAt" IS NULL AND stage <> 'VOIDED'::"EpisodeStage");

-- CreateIndex
CREATE INDEX "Episode_agencyId_stage_childSortName_id_idx" ON "Episode"("agencyId", "stage", "childSortName", "id");

-- CreateIndex
CREATE INDEX "Episode_agencyId_caseworkerName_id_idx" ON "Episode"("agencyId", "caseworkerName", "id");

-- CreateIndex
CREATE INDEX "Episode_open_caseworkerName_idx" ON "Episode"("agencyId", "caseworkerName", "id") WHERE ("closedAt" IS NULL AND stage <> 'VOIDED'::"EpisodeStage");

-- CreateIndex
CREATE INDEX "Episode_agencyId_stage_caseworkerName_id_idx" ON "Episode"("agencyId", "stage", "caseworkerName", "id");

-- CreateIndex
CREATE INDEX "Episode_agencyId_createdAt_id_idx" ON "Episode"("agencyId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Episode_open_createdAt_idx" ON "Episode"("agencyId", "createdAt", "id") WHERE ("closedAt" IS NULL AND stage <> 'VOIDED'::"EpisodeStage");

-- CreateIndex
CREATE INDEX "Episode_agencyId_stage_createdAt_id_idx" ON "Episode"("agencyId", "stage", "createdAt", "id");
