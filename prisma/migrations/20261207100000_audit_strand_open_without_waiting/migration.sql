-- Opening a strand no longer waits for another transaction (decision 019). When every strand there was
-- was busy, the trigger inserted the head of each strand in turn, ON CONFLICT DO NOTHING, to open the
-- first one missing. But such an INSERT waits for any transaction that has inserted or updated the
-- conflicting head and not yet ended: the strand's holder, or another transaction opening the same
-- strand (two connections that prefer the same strand, writing an agency's first events at once).
-- Now strands that exist are passed over, and a strand is opened only under a transaction-scoped
-- advisory lock on its key, taken without waiting: a strand whose lock another transaction holds is
-- being opened by it, and is passed over too. Only when all eight are held or being opened does a
-- transaction wait, for its own strand's opener and then its holder.
CREATE OR REPLACE FUNCTION "audit_event_chain"() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  strands CONSTANT int := 8;
  -- The first half of the advisory lock's key: the audit trail's strands, apart from any other use.
  strand_locks CONSTANT int := 1096107092;
  base TEXT := coalesce(NEW."agencyId"::text, '');
  keys TEXT[];
  k TEXT;
  head "AuditChainHead";
  taken BOOLEAN := false;
BEGIN
  SELECT array_agg(CASE WHEN s = 0 THEN base ELSE base || '#' || s END ORDER BY (s - pg_backend_pid() % strands + strands) % strands)
    INTO keys FROM generate_series(0, strands - 1) AS s;
  -- The first strand no other transaction holds (one this transaction holds already is not skipped).
  SELECT * INTO head FROM "AuditChainHead" WHERE "chainKey" = ANY (keys)
   ORDER BY array_position(keys, "chainKey") LIMIT 1 FOR UPDATE SKIP LOCKED;
  taken := FOUND;
  IF NOT taken THEN
    -- Every strand there is, is busy: open one more (one no other transaction is opening), or else
    -- wait for this connection's own.
    FOREACH k IN ARRAY keys LOOP
      CONTINUE WHEN EXISTS (SELECT FROM "AuditChainHead" WHERE "chainKey" = k);
      CONTINUE WHEN NOT pg_try_advisory_xact_lock(strand_locks, hashtext(k));
      -- Opened and committed between the look above and the lock: passed over too. Under the lock
      -- nobody else can insert it, so the INSERT below never waits.
      CONTINUE WHEN EXISTS (SELECT FROM "AuditChainHead" WHERE "chainKey" = k);
      INSERT INTO "AuditChainHead" ("chainKey", "seq", "hash") VALUES (k, 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
      IF FOUND THEN
        SELECT * INTO head FROM "AuditChainHead" WHERE "chainKey" = k;
        taken := true;
        EXIT;
      END IF;
    END LOOP;
  END IF;
  IF NOT taken THEN
    -- All eight are held or being opened: wait for this connection's own, for whoever is opening it
    -- (it may not exist yet, or no longer if its opener rolled back), then for whoever holds it.
    PERFORM pg_advisory_xact_lock(strand_locks, hashtext(keys[1]));
    INSERT INTO "AuditChainHead" ("chainKey", "seq", "hash") VALUES (keys[1], 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
    SELECT * INTO head FROM "AuditChainHead" WHERE "chainKey" = keys[1] FOR UPDATE;
  END IF;
  NEW."chainKey" := head."chainKey";
  NEW."chainSeq" := head."seq" + 1;
  NEW."prevHash" := head."hash";
  NEW."hash" := "audit_event_hash"(NEW);
  UPDATE "AuditChainHead" SET "seq" = NEW."chainSeq", "hash" = NEW."hash" WHERE "chainKey" = NEW."chainKey";
  RETURN NEW;
END;
$$;
