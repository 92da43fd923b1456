-- Where each audit chain last verified (decision 024): the admins' page reads only the
-- events written since; the nightly job checks every chain from its start.
CREATE TABLE "AuditCheckpoint" (
    "chainKey" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "checkedAt" TIMESTAMPTZ(3) NOT NULL,
    "fromStartAt" TIMESTAMPTZ(3),

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("chainKey")
);
