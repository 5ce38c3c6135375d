-- Reminders as durable jobs. The idempotency key names one reminder (meeting, kind, step,
-- recipient), so planning twice or on two instances never makes two.
CREATE TABLE reminder_jobs (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key  text NOT NULL UNIQUE,
  council_id       text NOT NULL,
  meeting_id       uuid NOT NULL REFERENCES meetings (id),
  kind             text NOT NULL,
  step             integer NOT NULL DEFAULT 1,
  recipient        text NOT NULL,     -- the roster name
  due_at           timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL,
  -- pending → claimed (in a batch) → sending (the send is under way) → sent | retry as pending |
  -- failed | expired | cancelled | muted | skipped | unknown (an instance died while sending: not resent)
  status           text NOT NULL DEFAULT 'pending',
  attempts         integer NOT NULL DEFAULT 0,
  lease_until      timestamptz,
  claimed_by       text,
  last_error       text,
  sent_at          timestamptz,
  activity_id      text,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reminder_jobs_due ON reminder_jobs (due_at) WHERE status = 'pending';
CREATE INDEX reminder_jobs_lease ON reminder_jobs (lease_until) WHERE status IN ('claimed', 'sending');
CREATE INDEX reminder_jobs_meeting ON reminder_jobs (meeting_id);

-- Kinds of reminders a person has turned off.
CREATE TABLE reminder_mutes (
  council_id  text NOT NULL,
  person      text NOT NULL,   -- the roster name
  kind        text NOT NULL,
  muted_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (council_id, person, kind)
);

-- Personal chats are looked up by Teams user id too (the proposer of an item).
CREATE INDEX conversation_refs_user ON conversation_refs (user_id) WHERE user_id IS NOT NULL;
