-- An agency's audit trail becomes up to eight hash chains ("strands") instead of one (decision 019).
-- With one chain, every audited request of an agency queued on its head row from its INSERT to its
-- COMMIT. Now the trigger takes the first strand no other transaction holds (FOR UPDATE SKIP LOCKED),
-- starting from the one this connection prefers; when all are busy it opens the next strand, and only
-- when all eight exist and are busy does it wait. Each strand is a chain with its own head, as before:
-- an event's hash still covers the one before it in its strand, and a removed, changed or cut-off
-- event still shows. The agency's existing chain is its first strand and keeps its key (the agency's
-- id); the others are "<agency id>#1" to "#7". Events of no agency: "", "#1" to "#7".
CREATE OR REPLACE FUNCTION "audit_event_chain"() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  strands CONSTANT int := 8;
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
    -- Every strand there is, is busy: open one more, or else wait for this connection's own.
    FOREACH k IN ARRAY keys LOOP
      INSERT INTO "AuditChainHead" ("chainKey", "seq", "hash") VALUES (k, 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
      IF FOUND THEN
        SELECT * INTO head FROM "AuditChainHead" WHERE "chainKey" = k;
        taken := true;
        EXIT;
      END IF;
    END LOOP;
  END IF;
  IF NOT taken THEN
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
