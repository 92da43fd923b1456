-- Accounts, teams and the agency's rules (issue 11). A person's single role becomes a list of
-- roles (copied over before the old column goes); password-less invited accounts; second factors;
-- single-use links; teams; notice rules and notices; an e-mail outbox and job effects.
-- CreateEnum
CREATE TYPE "NoticeRecipient" AS ENUM ('COURT', 'CHILD_ATTORNEY_OR_GAL', 'CASA', 'PARENTS', 'TRIBE', 'CAREGIVER');

-- CreateEnum
CREATE TYPE "NoticeEvent" AS ENUM ('MISSING', 'RETURN');

-- CreateEnum
CREATE TYPE "AccountTokenPurpose" AS ENUM ('INVITATION', 'PASSWORD_RESET');

-- CreateEnum
CREATE TYPE "NoticeNotApplicableReason" AS ENUM ('PARENTAL_RIGHTS_TERMINATED', 'PARENT_SUSPECTED', 'ICWA_DOES_NOT_APPLY', 'NO_SUCH_PERSON', 'OTHER');

-- AlterEnum
ALTER TYPE "ClockKind" ADD VALUE 'MISSING_NOTICE';

-- AlterTable
ALTER TABLE "Agency" ADD COLUMN     "caseworkerSecondFactorOptional" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "lawEnforcementClockHours" INTEGER NOT NULL DEFAULT 24,
ADD COLUMN     "ncmecClockHours" INTEGER NOT NULL DEFAULT 24,
ADD COLUMN     "secondFactorOptionalReason" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN "roles" "Role"[];
UPDATE "User" SET "roles" = ARRAY["role"];
ALTER TABLE "User" ADD CONSTRAINT "User_roles_not_empty" CHECK (cardinality("roles") >= 1);

ALTER TABLE "User" DROP COLUMN "role",
ADD COLUMN     "deactivatedAt" TIMESTAMPTZ(3),
ADD COLUMN     "onCall" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "passwordChangeRequired" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "passwordChangedAt" TIMESTAMPTZ(3),
ADD COLUMN     "teamId" UUID,
ADD COLUMN     "totpEnabledAt" TIMESTAMPTZ(3),
ADD COLUMN     "totpLastStep" BIGINT,
ADD COLUMN     "totpSecret" TEXT,
ALTER COLUMN "passwordHash" DROP NOT NULL;
UPDATE "User" SET "passwordChangedAt" = "createdAt";

-- AlterTable
ALTER TABLE "UserSession" ADD COLUMN     "secondFactorAt" TIMESTAMPTZ(3),
ADD COLUMN     "userAgent" TEXT;

-- CreateTable
CREATE TABLE "AgencyNoticeRule" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "recipient" "NoticeRecipient" NOT NULL,
    "event" "NoticeEvent" NOT NULL,
    "hours" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AgencyNoticeRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamSupervisor" (
    "teamId" UUID NOT NULL,
    "userId" UUID NOT NULL,

    CONSTRAINT "TeamSupervisor_pkey" PRIMARY KEY ("teamId","userId")
);

-- CreateTable
CREATE TABLE "AccountToken" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "purpose" "AccountTokenPurpose" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RecoveryCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "agencyId" UUID,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "OutboxEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobEffect" (
    "key" TEXT NOT NULL,
    "doneAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobEffect_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "EpisodeNotice" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "event" "NoticeEvent" NOT NULL,
    "recipient" "NoticeRecipient" NOT NULL,
    "sentAt" TIMESTAMPTZ(3),
    "notApplicableReason" "NoticeNotApplicableReason",
    "note" TEXT,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EpisodeNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AgencyNoticeRule_agencyId_event_recipient_key" ON "AgencyNoticeRule"("agencyId", "event", "recipient");

-- CreateIndex
CREATE UNIQUE INDEX "Team_agencyId_name_key" ON "Team"("agencyId", "name");

-- CreateIndex
CREATE INDEX "TeamSupervisor_userId_idx" ON "TeamSupervisor"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "AccountToken_tokenHash_key" ON "AccountToken"("tokenHash");

-- CreateIndex
CREATE INDEX "AccountToken_userId_purpose_idx" ON "AccountToken"("userId", "purpose");

-- CreateIndex
CREATE INDEX "RecoveryCode_userId_idx" ON "RecoveryCode"("userId");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxEmail_key_key" ON "OutboxEmail"("key");

-- CreateIndex
CREATE INDEX "OutboxEmail_sentAt_createdAt_idx" ON "OutboxEmail"("sentAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "EpisodeNotice_episodeId_event_recipient_key" ON "EpisodeNotice"("episodeId", "event", "recipient");

-- CreateIndex
CREATE INDEX "AuditEvent_agencyId_id_idx" ON "AuditEvent"("agencyId", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_agencyId_actorUserId_id_idx" ON "AuditEvent"("agencyId", "actorUserId", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_agencyId_action_id_idx" ON "AuditEvent"("agencyId", "action", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_agencyId_targetType_targetId_id_idx" ON "AuditEvent"("agencyId", "targetType", "targetId", "id");

-- CreateIndex
CREATE INDEX "User_teamId_idx" ON "User"("teamId");

-- AddForeignKey
ALTER TABLE "AgencyNoticeRule" ADD CONSTRAINT "AgencyNoticeRule_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamSupervisor" ADD CONSTRAINT "TeamSupervisor_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamSupervisor" ADD CONSTRAINT "TeamSupervisor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountToken" ADD CONSTRAINT "AccountToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecoveryCode" ADD CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EpisodeNotice" ADD CONSTRAINT "EpisodeNotice_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;
