-- Make "AuditEvent" append-only: the audit trail must not be rewritten or pruned by the
-- application. Rows can only be inserted; any UPDATE or DELETE raises an error and rolls back
-- the statement. (TRUNCATE does not fire row triggers; it needs table ownership, which the
-- application's role should not have in production.)

-- CreateFunction
CREATE OR REPLACE FUNCTION "audit_event_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP;
  RETURN NULL;
END;
$$;

-- CreateTrigger
CREATE TRIGGER "AuditEvent_append_only"
BEFORE UPDATE OR DELETE ON "AuditEvent"
FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
