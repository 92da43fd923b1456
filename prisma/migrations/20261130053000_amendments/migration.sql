-- Changes to a submitted report (amendments), each to be sent to NCMEC and law enforcement.

-- CreateTable
CREATE TABLE "EpisodeAmendment" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "step" TEXT NOT NULL,
    "amendedAt" TIMESTAMPTZ(3) NOT NULL,
    "amendedById" UUID NOT NULL,
    "sentAt" TIMESTAMPTZ(3),
    "sentById" UUID,

    CONSTRAINT "EpisodeAmendment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EpisodeAmendment_episodeId_amendedAt_idx" ON "EpisodeAmendment"("episodeId", "amendedAt");

-- AddForeignKey
ALTER TABLE "EpisodeAmendment" ADD CONSTRAINT "EpisodeAmendment_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;
