-- CreateTable
CREATE TABLE "Photo" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "takenOn" DATE NOT NULL,
    "sourceFormat" TEXT NOT NULL,
    "displayJpeg" BYTEA NOT NULL,
    "displayWidth" INTEGER NOT NULL,
    "displayHeight" INTEGER NOT NULL,
    "thumbnailJpeg" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedById" UUID NOT NULL,
    "uploadedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attestedById" UUID NOT NULL,
    "attestedAt" TIMESTAMPTZ(3) NOT NULL,
    "attestationText" TEXT NOT NULL,

    CONSTRAINT "Photo_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Photo_episodeId_uploadedAt_idx" ON "Photo"("episodeId", "uploadedAt");

-- AddForeignKey
ALTER TABLE "Photo" ADD CONSTRAINT "Photo_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;
