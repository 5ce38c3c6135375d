-- Agenda item proposals. A proposal is a public record: it is never deleted; its status changes and
-- every change is kept in proposal_history.
CREATE TABLE proposals (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id         text NOT NULL,
  meeting_id         uuid NOT NULL REFERENCES meetings (id),
  title              text NOT NULL,
  summary            text,
  presenter          text,
  registry_number    text,
  links              jsonb NOT NULL DEFAULT '[]'::jsonb,
  estimated_minutes  integer,
  kind               text NOT NULL CHECK (kind IN ('decision', 'discussion', 'information')),
  status             text NOT NULL DEFAULT 'submitted'
                       CHECK (status IN ('submitted', 'approved', 'rejected', 'deferred', 'withdrawn')),
  late               boolean NOT NULL DEFAULT false,
  submitter_id       text NOT NULL,
  submitter_name     text NOT NULL,
  submitter_user_id  text,            -- the Teams user id, for refresh.userIds and notifications
  decided_by         text,
  decided_by_name    text,
  decided_at         timestamptz,
  decision_reason    text,
  position           integer,         -- order among the approved items, set by the chair
  agenda_minutes     integer,         -- minutes on the agenda, set by the chair
  supplementary      boolean NOT NULL DEFAULT false,  -- approved after the agenda was approved
  version            integer NOT NULL DEFAULT 0,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX proposals_meeting ON proposals (meeting_id, status);
CREATE INDEX proposals_submitter ON proposals (council_id, submitter_id);

CREATE TABLE proposal_history (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  proposal_id  uuid NOT NULL REFERENCES proposals (id),
  at           timestamptz NOT NULL DEFAULT now(),
  actor        text NOT NULL,
  actor_name   text,
  action       text NOT NULL,
  from_status  text,
  to_status    text NOT NULL,
  reason       text,
  details      jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX proposal_history_proposal ON proposal_history (proposal_id, id);
CREATE TRIGGER proposal_history_append_only BEFORE UPDATE OR DELETE ON proposal_history
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_history();

-- Where a proposal's card was posted, so every copy can be updated in place after a decision.
CREATE TABLE proposal_cards (
  proposal_id      uuid NOT NULL REFERENCES proposals (id),
  conversation_id  text NOT NULL,
  activity_id      text NOT NULL,
  reference        jsonb NOT NULL,
  PRIMARY KEY (proposal_id, conversation_id, activity_id)
);

-- One agenda per meeting: its approval state. The items are the meeting's approved proposals.
CREATE TABLE agendas (
  meeting_id      uuid PRIMARY KEY REFERENCES meetings (id),
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
  approved_by     text,
  approved_name   text,
  approved_at     timestamptz,
  approvals       integer NOT NULL DEFAULT 0,  -- how many times it was approved (re-approvals after changes)
  version         integer NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- The proof that the notice period was kept: per member, when the notice reached them.
CREATE TABLE notice_deliveries (
  meeting_id       uuid NOT NULL REFERENCES meetings (id),
  recipient        text NOT NULL,     -- the roster name
  approval         integer NOT NULL,  -- which approval of the agenda this notice carried
  conversation_id  text,
  activity_id      text,
  delivered_at     timestamptz,
  failure          text,
  PRIMARY KEY (meeting_id, recipient, approval)
);

-- The e-mail and UPN of a personal chat's user, learnt from the member look-up, so that roster
-- entries known only by address can be reached.
ALTER TABLE conversation_refs ADD COLUMN email text;
ALTER TABLE conversation_refs ADD COLUMN upn text;
CREATE INDEX conversation_refs_email ON conversation_refs (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX conversation_refs_upn ON conversation_refs (lower(upn)) WHERE upn IS NOT NULL;
