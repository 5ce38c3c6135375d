import type { CivilDate } from './civil-date.ts';

export type MeetingStatus = 'scheduled' | 'cancelled';

/** What a meeting is, as staff set it; everything else about a meeting is bookkeeping. */
export type MeetingDetails = {
  startsAt: Date;
  endsAt: Date;
  place: string;
  onlineUrl: string | undefined;
  budget: boolean;
  note: string | undefined;
};

export type Meeting = MeetingDetails & {
  id: string;
  councilId: string;
  status: MeetingStatus;
  cancelReason: string | undefined;
  /** The plan's day for a meeting that came from the council's plan. */
  planKey: CivilDate | undefined;
  /** Increases with every change members should see (the iCal SEQUENCE). */
  sequence: number;
  noticeSentAt: Date | undefined;
  createdAt: Date;
  updatedAt: Date;
};

export type MeetingAction = 'planned' | 'scheduled' | 'changed' | 'cancelled' | 'withdrawn-from-plan' | 'notice-sent';

export type MeetingHistoryEntry = {
  at: Date;
  actor: string;
  action: MeetingAction;
  before: Partial<MeetingDetails> | undefined;
  after: Partial<MeetingDetails> & { status?: MeetingStatus };
  reason: string | undefined;
};

/** The meetings to come, earliest first: not cancelled and not yet ended. */
export function upcoming(meetings: readonly Meeting[], now: Date): Meeting[] {
  return meetings
    .filter((m) => m.status === 'scheduled' && m.endsAt.getTime() > now.getTime())
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
