-- Conversation references, one row per Teams conversation the bot has seen (personal chat, group
-- chat or channel), kept so that later features can message people proactively.
CREATE TABLE conversation_refs (
  conversation_id   text PRIMARY KEY,
  scope             text NOT NULL CHECK (scope IN ('personal', 'groupChat', 'channel')),
  tenant_id         text,
  team_id           text,
  user_id           text,            -- the Teams user id of a personal chat's user
  aad_object_id     text,            -- that user's Entra object id, when Teams sent it
  service_url       text NOT NULL,
  reference         jsonb NOT NULL,  -- botbuilder ConversationReference
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversation_refs_aad ON conversation_refs (aad_object_id) WHERE aad_object_id IS NOT NULL;
CREATE INDEX conversation_refs_team ON conversation_refs (team_id) WHERE team_id IS NOT NULL;

-- Which council a team (all its channels) or a chat belongs to.
CREATE TABLE conversation_bindings (
  conversation_key  text PRIMARY KEY,  -- the team id for teams, else the conversation id
  council_id        text NOT NULL,
  bound_by          text NOT NULL,
  bound_at          timestamptz NOT NULL DEFAULT now()
);

-- What people did, for the record. Rows are never changed or removed.
CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL,
  action      text NOT NULL,
  council_id  text,
  subject     text,
  details     jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_council_at ON audit_log (council_id, at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
