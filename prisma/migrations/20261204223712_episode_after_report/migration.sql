-- CreateEnum
CREATE TYPE "EpisodeEndReason" AS ENUM ('AGED_OUT', 'JURISDICTION_ENDED', 'DIED');

-- CreateEnum
CREATE TYPE "SearchActivityKind" AS ENUM ('PHONE_OR_TEXT', 'BELONGINGS_SEARCHED', 'ONLINE_ACCOUNTS', 'FRIENDS_AND_RELATIVES', 'USUAL_PLACES', 'SCHOOL_OR_EMPLOYER', 'LAW_ENFORCEMENT', 'NCMEC', 'COURT', 'OTHER');

-- CreateEnum
CREATE TYPE "LongTermItemCode" AS ENUM ('MEDICAL_RECORDS', 'DENTAL_RECORDS', 'FINGERPRINTS', 'DNA_RELATIVES', 'NCMEC_LONG_TERM_SERVICES');

-- CreateEnum
CREATE TYPE "RecoveryPlaceKind" AS ENUM ('FAMILY_HOME', 'FRIEND_HOME', 'PLACEMENT', 'PUBLIC_PLACE', 'HOTEL_OR_MOTEL', 'HOSPITAL', 'SHELTER', 'DETENTION', 'OTHER');

-- CreateEnum
CREATE TYPE "RecoveredBy" AS ENUM ('RETURNED_ALONE', 'CAREGIVER', 'LAW_ENFORCEMENT', 'CASEWORKER', 'NCMEC_LEAD', 'OTHER');

-- CreateEnum
CREATE TYPE "DebriefAttemptResult" AS ENUM ('DECLINED', 'UNAVAILABLE');

-- CreateEnum
CREATE TYPE "ConcernLevel" AS ENUM ('NONE', 'POSSIBLE', 'CLEAR');

-- CreateEnum
CREATE TYPE "TraffickingFinding" AS ENUM ('NOT_A_VICTIM', 'SUSPECTED', 'CONFIRMED');

-- CreateEnum
CREATE TYPE "ApprovalPurpose" AS ENUM ('CLOSURE', 'REPORT_REVIEW');

-- CreateEnum
CREATE TYPE "ApprovalStatus" AS ENUM ('REQUESTED', 'APPROVED', 'RETURNED', 'REOPENED');

-- CreateEnum
CREATE TYPE "ApprovalAction" AS ENUM ('REQUESTED', 'APPROVED', 'RETURNED', 'REOPENED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ClockKind" ADD VALUE 'NCIC_RECORDS_UPDATE';
ALTER TYPE "ClockKind" ADD VALUE 'LEAD_TO_LAW_ENFORCEMENT';
ALTER TYPE "ClockKind" ADD VALUE 'SEARCH_REMINDER';
ALTER TYPE "ClockKind" ADD VALUE 'RETURN_NOTICE';
ALTER TYPE "ClockKind" ADD VALUE 'DEBRIEF';
ALTER TYPE "ClockKind" ADD VALUE 'TRAFFICKING_REPORT';
ALTER TYPE "ClockKind" ADD VALUE 'CANCEL_NOTICE';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "EpisodeStage" ADD VALUE 'LOCATED';
ALTER TYPE "EpisodeStage" ADD VALUE 'RECOVERED';
ALTER TYPE "EpisodeStage" ADD VALUE 'DEBRIEF_DUE';
ALTER TYPE "EpisodeStage" ADD VALUE 'AWAITING_SIGN_OFF';
ALTER TYPE "EpisodeStage" ADD VALUE 'ENDED_WITHOUT_RECOVERY';
ALTER TYPE "EpisodeStage" ADD VALUE 'VOIDED';

-- AlterEnum
ALTER TYPE "NoticeEvent" ADD VALUE 'CANCEL';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NoticeRecipient" ADD VALUE 'LAW_ENFORCEMENT';
ALTER TYPE "NoticeRecipient" ADD VALUE 'NCMEC';

-- AlterTable
ALTER TABLE "Agency" ADD COLUMN     "debriefHours" INTEGER NOT NULL DEFAULT 72,
ADD COLUMN     "leadHours" INTEGER NOT NULL DEFAULT 24,
ADD COLUMN     "longTermMissingDays" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "returnNoticeHours" INTEGER NOT NULL DEFAULT 24,
ADD COLUMN     "screeningInstruments" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "searchReminderEveryDays" INTEGER,
ADD COLUMN     "searchReminderForDays" INTEGER,
ADD COLUMN     "traffickingClockForSuspected" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "traffickingReportHours" INTEGER NOT NULL DEFAULT 24;

-- AlterTable
ALTER TABLE "Episode" ADD COLUMN     "endNote" TEXT,
ADD COLUMN     "endReason" "EpisodeEndReason",
ADD COLUMN     "endRecordedById" UUID,
ADD COLUMN     "endedAt" TIMESTAMPTZ(3),
ADD COLUMN     "ncicRecordsSentAt" TIMESTAMPTZ(3),
ADD COLUMN     "ncicRecordsSentById" UUID,
ADD COLUMN     "voidReason" TEXT,
ADD COLUMN     "voidedAt" TIMESTAMPTZ(3),
ADD COLUMN     "voidedById" UUID;

-- AlterTable
ALTER TABLE "EpisodeNotice" ADD COLUMN     "confirmed" BOOLEAN,
ADD COLUMN     "method" TEXT,
ADD COLUMN     "toWhom" TEXT,
ADD COLUMN     "toldBy" TEXT;

-- AlterTable
ALTER TABLE "LawEnforcementReport" ADD COLUMN     "ncicEnteredAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "SearchActivity" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "kind" "SearchActivityKind" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "contactedPerson" TEXT NOT NULL DEFAULT '',
    "outcome" TEXT NOT NULL DEFAULT '',
    "note" TEXT NOT NULL DEFAULT '',
    "isLead" BOOLEAN NOT NULL DEFAULT false,
    "leadPassedAt" TIMESTAMPTZ(3),
    "leadPassedTo" TEXT,
    "leadLateReason" TEXT,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SearchActivity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LongTermItem" (
    "agencyId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "item" "LongTermItemCode" NOT NULL,
    "doneAt" TIMESTAMPTZ(3) NOT NULL,
    "doneById" UUID NOT NULL,

    CONSTRAINT "LongTermItem_pkey" PRIMARY KEY ("episodeId","item")
);

-- CreateTable
CREATE TABLE "Recovery" (
    "episodeId" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "locatedAt" TIMESTAMPTZ(3),
    "recoveredAt" TIMESTAMPTZ(3),
    "knownAt" TIMESTAMPTZ(3),
    "address" TEXT NOT NULL DEFAULT '',
    "city" TEXT NOT NULL DEFAULT '',
    "state" CHAR(2),
    "placeKind" "RecoveryPlaceKind",
    "outOfState" BOOLEAN NOT NULL DEFAULT false,
    "recoveredBy" "RecoveredBy",
    "officerName" TEXT,
    "lawEnforcementCaseNumber" TEXT,
    "condition" TEXT NOT NULL DEFAULT '',
    "newMarks" JSONB NOT NULL DEFAULT '[]',
    "placement" TEXT NOT NULL DEFAULT '',
    "packetSummary" TEXT NOT NULL DEFAULT '',
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Recovery_pkey" PRIMARY KEY ("episodeId")
);

-- CreateTable
CREATE TABLE "DebriefAttempt" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "result" "DebriefAttemptResult" NOT NULL,
    "nextAttemptOn" DATE,
    "note" TEXT NOT NULL DEFAULT '',
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DebriefAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReturnDebrief" (
    "episodeId" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "interviewerName" TEXT,
    "interviewerRole" TEXT,
    "interviewedAt" TIMESTAMPTZ(3),
    "place" TEXT NOT NULL DEFAULT '',
    "othersPresent" TEXT NOT NULL DEFAULT '',
    "acceptedWithoutInterviewAt" TIMESTAMPTZ(3),
    "acceptedWithoutInterviewById" UUID,
    "ranAgainBeforeDebrief" BOOLEAN NOT NULL DEFAULT false,
    "ranFrom" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "ranTo" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "factorsNarrative" TEXT NOT NULL DEFAULT '',
    "responseNow" TEXT NOT NULL DEFAULT '',
    "plansLater" TEXT NOT NULL DEFAULT '',
    "stayedWhere" TEXT NOT NULL DEFAULT '',
    "stayedWith" TEXT NOT NULL DEFAULT '',
    "needsMet" TEXT NOT NULL DEFAULT '',
    "harm" TEXT NOT NULL DEFAULT '',
    "completedAt" TIMESTAMPTZ(3),
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReturnDebrief_pkey" PRIMARY KEY ("episodeId")
);

-- CreateTable
CREATE TABLE "TraffickingScreen" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "instrument" TEXT NOT NULL,
    "version" TEXT NOT NULL DEFAULT '',
    "result" "ConcernLevel" NOT NULL,
    "screenedBy" TEXT NOT NULL,
    "screenedAt" TIMESTAMPTZ(3) NOT NULL,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TraffickingScreen_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TraffickingDetermination" (
    "episodeId" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "sex" "TraffickingFinding" NOT NULL,
    "labor" "TraffickingFinding" NOT NULL,
    "informationReceivedAt" TIMESTAMPTZ(3),
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TraffickingDetermination_pkey" PRIMARY KEY ("episodeId")
);

-- CreateTable
CREATE TABLE "TraffickingReport" (
    "episodeId" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "agencyName" TEXT NOT NULL,
    "officerName" TEXT,
    "caseNumber" TEXT,
    "reportedAt" TIMESTAMPTZ(3) NOT NULL,
    "lateReason" TEXT,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TraffickingReport_pkey" PRIMARY KEY ("episodeId")
);

-- CreateTable
CREATE TABLE "Approval" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "episodeId" UUID NOT NULL,
    "purpose" "ApprovalPurpose" NOT NULL,
    "status" "ApprovalStatus" NOT NULL,
    "requestedById" UUID NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalEntry" (
    "id" UUID NOT NULL,
    "approvalId" UUID NOT NULL,
    "action" "ApprovalAction" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "byId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ApprovalEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SearchActivity_episodeId_at_idx" ON "SearchActivity"("episodeId", "at");

-- CreateIndex
CREATE INDEX "DebriefAttempt_episodeId_at_idx" ON "DebriefAttempt"("episodeId", "at");

-- CreateIndex
CREATE INDEX "TraffickingScreen_episodeId_screenedAt_idx" ON "TraffickingScreen"("episodeId", "screenedAt");

-- CreateIndex
CREATE INDEX "Approval_agencyId_purpose_status_idx" ON "Approval"("agencyId", "purpose", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Approval_episodeId_purpose_key" ON "Approval"("episodeId", "purpose");

-- CreateIndex
CREATE INDEX "ApprovalEntry_approvalId_at_idx" ON "ApprovalEntry"("approvalId", "at");

-- AddForeignKey
ALTER TABLE "SearchActivity" ADD CONSTRAINT "SearchActivity_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LongTermItem" ADD CONSTRAINT "LongTermItem_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recovery" ADD CONSTRAINT "Recovery_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DebriefAttempt" ADD CONSTRAINT "DebriefAttempt_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnDebrief" ADD CONSTRAINT "ReturnDebrief_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TraffickingScreen" ADD CONSTRAINT "TraffickingScreen_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TraffickingDetermination" ADD CONSTRAINT "TraffickingDetermination_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TraffickingReport" ADD CONSTRAINT "TraffickingReport_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalEntry" ADD CONSTRAINT "ApprovalEntry_approvalId_fkey" FOREIGN KEY ("approvalId") REFERENCES "Approval"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The agency's rules stay within what the law and the product allow (src/domain/after-report-rules.ts says why).
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_return_notice_hours" CHECK ("returnNoticeHours" BETWEEN 1 AND 168);
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_debrief_hours" CHECK ("debriefHours" BETWEEN 1 AND 720);
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_lead_hours" CHECK ("leadHours" BETWEEN 1 AND 168);
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_long_term_days" CHECK ("longTermMissingDays" BETWEEN 1 AND 365);
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_trafficking_hours" CHECK ("traffickingReportHours" BETWEEN 1 AND 24);
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_search_reminder" CHECK (
  ("searchReminderEveryDays" IS NULL AND "searchReminderForDays" IS NULL)
  OR ("searchReminderEveryDays" BETWEEN 1 AND 30 AND "searchReminderForDays" BETWEEN "searchReminderEveryDays" AND 365)
);
-- Law enforcement and NCMEC are told by law, not by the agency's list.
ALTER TABLE "AgencyNoticeRule" ADD CONSTRAINT "AgencyNoticeRule_listed_recipient" CHECK ("recipient"::text NOT IN ('LAW_ENFORCEMENT', 'NCMEC') AND "event"::text <> 'CANCEL');
