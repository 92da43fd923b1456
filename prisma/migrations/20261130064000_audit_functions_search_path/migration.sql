-- The owner's audit functions look in the session's temporary schema last: otherwise a session of the
-- application's role could shadow "AuditChainHead" with a temporary table of its own and choose the
-- chain's next place and hash (SECURITY DEFINER functions search pg_temp first unless told).
ALTER FUNCTION "audit_event_chain"() SET search_path = public, pg_temp;
ALTER FUNCTION "audit_chain_heads"() SET search_path = public, pg_temp;
