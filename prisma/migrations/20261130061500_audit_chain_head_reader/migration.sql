-- The application's role has no right on "AuditChainHead" (decision records 007 and 009): reading a
-- head is harmless, so these owner's functions let the verifier read them, and nothing else.
CREATE OR REPLACE FUNCTION "audit_chain_heads"() RETURNS TABLE ("chainKey" TEXT, "seq" BIGINT, "hash" TEXT)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT "chainKey", "seq", "hash" FROM "AuditChainHead"
$$;
