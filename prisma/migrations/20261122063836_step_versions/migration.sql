-- AlterTable
ALTER TABLE "Episode" ADD COLUMN     "stepVersions" JSONB NOT NULL DEFAULT '{}';
