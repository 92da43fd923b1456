-- CreateEnum
CREATE TYPE "BackupKind" AS ENUM ('NIGHTLY', 'MANUAL');

-- CreateTable
CREATE TABLE "DatabaseBackup" (
    "id" UUID NOT NULL,
    "takenAt" TIMESTAMPTZ(3) NOT NULL,
    "fileName" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL,
    "kind" "BackupKind" NOT NULL,
    "copiedOffAt" TIMESTAMPTZ(3),
    "copiedOffBy" UUID,
    "removedAt" TIMESTAMPTZ(3),

    CONSTRAINT "DatabaseBackup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DatabaseRestore" (
    "id" UUID NOT NULL,
    "restoredAt" TIMESTAMPTZ(3) NOT NULL,
    "backupTakenAt" TIMESTAMPTZ(3) NOT NULL,
    "fileName" TEXT NOT NULL,

    CONSTRAINT "DatabaseRestore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LostAuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "restoreId" UUID NOT NULL,
    "agencyId" UUID,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "action" TEXT NOT NULL,
    "actorName" TEXT,
    "targetType" TEXT,
    "targetId" TEXT,

    CONSTRAINT "LostAuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DatabaseBackup_fileName_key" ON "DatabaseBackup"("fileName");

-- CreateIndex
CREATE INDEX "DatabaseBackup_takenAt_idx" ON "DatabaseBackup"("takenAt");

-- CreateIndex
CREATE INDEX "DatabaseRestore_restoredAt_idx" ON "DatabaseRestore"("restoredAt");

-- CreateIndex
CREATE INDEX "LostAuditEvent_agencyId_restoreId_occurredAt_idx" ON "LostAuditEvent"("agencyId", "restoreId", "occurredAt");

-- AddForeignKey
ALTER TABLE "LostAuditEvent" ADD CONSTRAINT "LostAuditEvent_restoreId_fkey" FOREIGN KEY ("restoreId") REFERENCES "DatabaseRestore"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
