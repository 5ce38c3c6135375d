-- Erasing a former member's personal data (GDPR art. 17) pseudonymises their name and ids in the
-- records, which stay: proposals and decisions are public records, the histories the proof of them.
-- The append-only triggers therefore allow one kind of UPDATE: inside a transaction that has set
-- council_bot.erasure = 'on', and changing only the columns the trigger names (who did it). Rows are
-- never deleted.
CREATE OR REPLACE FUNCTION refuse_change_to_history() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  before jsonb := to_jsonb(OLD);
  after jsonb := to_jsonb(NEW);
  col text;
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('council_bot.erasure', true) = 'on' THEN
    FOREACH col IN ARRAY TG_ARGV LOOP
      before := before - col;
      after := after - col;
    END LOOP;
    IF before = after THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;

DROP TRIGGER meeting_history_append_only ON meeting_history;
CREATE TRIGGER meeting_history_append_only BEFORE UPDATE OR DELETE ON meeting_history
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_history('actor');

DROP TRIGGER proposal_history_append_only ON proposal_history;
CREATE TRIGGER proposal_history_append_only BEFORE UPDATE OR DELETE ON proposal_history
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_history('actor', 'actor_name');

DROP TRIGGER audit_log_append_only ON audit_log;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_history('actor');
DROP FUNCTION audit_log_is_append_only();
