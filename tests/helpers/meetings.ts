import { zonedInstant } from '../../src/domain/civil-date.ts';
import type { Meeting } from '../../src/domain/meetings.ts';

let counter = 0;

/** A scheduled meeting as the store would hold it, at a local day and times in `timeZone`. */
export function meetingAt(timeZone: string, day: string, start: string, end: string, extra: Partial<Meeting> = {}): Meeting {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    councilId: 'testrad',
    startsAt: zonedInstant(day, start, timeZone),
    endsAt: zonedInstant(day, end, timeZone),
    place: 'Town hall, room 1',
    onlineUrl: undefined,
    budget: false,
    note: undefined,
    status: 'scheduled',
    cancelReason: undefined,
    planKey: undefined,
    sequence: 0,
    noticeSentAt: undefined,
    createdAt: new Date('2027-01-10T09:00:00Z'),
    updatedAt: new Date('2027-01-10T09:00:00Z'),
    ...extra,
  };
}
