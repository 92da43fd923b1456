-- A tamper-evident audit trail (decision record 007): every event is chained to the one before it
-- in its agency's chain by a trigger that runs as the table's owner; the application's role can
-- insert and read events but cannot touch the chain heads. Also the rate-limit counters.

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "chainKey" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "chainSeq" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "hash" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "prevHash" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "chainKey" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("chainKey")
);

-- CreateTable
CREATE TABLE "RateLimitWindow" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "RateLimitWindow_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateIndex
CREATE INDEX "RateLimitWindow_windowStart_idx" ON "RateLimitWindow"("windowStart");

-- The content an event's hash covers, one field a line, in a form the verifier rebuilds exactly
-- (src/server/audit/audit-chain.ts): the previous hash, the chain, the place in it, the time in
-- UTC to the millisecond, what, the outcome, who, the target, the request and the details as
-- PostgreSQL prints the stored jsonb.
CREATE OR REPLACE FUNCTION "audit_event_hash"(e "AuditEvent") RETURNS TEXT
LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(
    e."prevHash" || E'\n' || e."chainKey" || E'\n' || e."chainSeq"::text || E'\n' ||
    to_char(e."occurredAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || E'\n' ||
    e."action" || E'\n' || e."outcome"::text || E'\n' || coalesce(e."actorUserId"::text, '') || E'\n' ||
    coalesce(e."targetType", '') || E'\n' || coalesce(e."targetId", '') || E'\n' || e."requestId" || E'\n' ||
    coalesce(e."details"::text, 'null'), 'UTF8')), 'hex')
$$;

-- Chains one new event: takes its chain's head under a row lock (so concurrent writers of one
-- agency queue here, other agencies do not), sets its place and hashes, and moves the head.
-- SECURITY DEFINER: it runs as the owner, so the application's role needs no right to the heads.
CREATE OR REPLACE FUNCTION "audit_event_chain"() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  head "AuditChainHead";
BEGIN
  NEW."chainKey" := coalesce(NEW."agencyId"::text, '');
  INSERT INTO "AuditChainHead" ("chainKey", "seq", "hash") VALUES (NEW."chainKey", 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
  SELECT * INTO head FROM "AuditChainHead" WHERE "chainKey" = NEW."chainKey" FOR UPDATE;
  NEW."chainSeq" := head."seq" + 1;
  NEW."prevHash" := head."hash";
  NEW."hash" := "audit_event_hash"(NEW);
  UPDATE "AuditChainHead" SET "seq" = NEW."chainSeq", "hash" = NEW."hash" WHERE "chainKey" = NEW."chainKey";
  RETURN NEW;
END;
$$;

-- Chain the events written before this migration, in the order they were written.
ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only";
DO $$
DECLARE
  e "AuditEvent";
  head "AuditChainHead";
BEGIN
  FOR e IN SELECT * FROM "AuditEvent" ORDER BY "id" LOOP
    e."chainKey" := coalesce(e."agencyId"::text, '');
    INSERT INTO "AuditChainHead" ("chainKey", "seq", "hash") VALUES (e."chainKey", 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
    SELECT * INTO head FROM "AuditChainHead" WHERE "chainKey" = e."chainKey";
    e."chainSeq" := head."seq" + 1;
    e."prevHash" := head."hash";
    e."hash" := "audit_event_hash"(e);
    UPDATE "AuditEvent" SET "chainKey" = e."chainKey", "chainSeq" = e."chainSeq", "prevHash" = e."prevHash", "hash" = e."hash" WHERE "id" = e."id";
    UPDATE "AuditChainHead" SET "seq" = e."chainSeq", "hash" = e."hash" WHERE "chainKey" = e."chainKey";
  END LOOP;
END;
$$;
ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only";

-- CreateTrigger
CREATE TRIGGER "AuditEvent_chain"
BEFORE INSERT ON "AuditEvent"
FOR EACH ROW EXECUTE FUNCTION "audit_event_chain"();

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_chainKey_chainSeq_key" ON "AuditEvent"("chainKey", "chainSeq");
