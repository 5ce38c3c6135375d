-- Meetings: from the council's plan (plan_key = the plan's day) or scheduled by the secretary.
-- A meeting is never deleted: a cancelled one keeps its row with status 'cancelled'.
CREATE TABLE meetings (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id      text NOT NULL,
  starts_at       timestamptz NOT NULL,
  ends_at         timestamptz NOT NULL,
  place           text NOT NULL,
  online_url      text,
  budget          boolean NOT NULL DEFAULT false,
  note            text,
  status          text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
  cancel_reason   text,
  plan_key        text,
  -- Increases with every change people should see in their calendars (iCal SEQUENCE).
  sequence        integer NOT NULL DEFAULT 0,
  notice_sent_at  timestamptz,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  UNIQUE (council_id, plan_key)
);
CREATE INDEX meetings_council_starts ON meetings (council_id, starts_at);

-- Every change to a meeting: who, when, what it was and what it became, and why.
CREATE TABLE meeting_history (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id  uuid NOT NULL REFERENCES meetings (id),
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL,
  action      text NOT NULL,
  before      jsonb,
  after       jsonb NOT NULL,
  reason      text
);
CREATE INDEX meeting_history_meeting ON meeting_history (meeting_id, id);

CREATE FUNCTION refuse_change_to_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER meeting_history_append_only BEFORE UPDATE OR DELETE ON meeting_history
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_history();

-- Members asking for an extra meeting. A round is open until the rule is met; then its requests
-- are closed (kept) and the next request starts a new round.
CREATE TABLE extra_meeting_requests (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  council_id    text NOT NULL,
  member_key    text NOT NULL,
  member_name   text NOT NULL,
  member_role   text NOT NULL,
  actor         text NOT NULL,
  reason        text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  closed_at     timestamptz
);
CREATE UNIQUE INDEX extra_meeting_requests_open ON extra_meeting_requests (council_id, member_key) WHERE closed_at IS NULL;
