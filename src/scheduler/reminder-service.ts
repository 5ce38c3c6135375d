import type { Council } from '../councils/schema.ts';
import { calendarMailPlan, reminderPlan } from '../domain/reminders.ts';
import type { Meeting } from '../domain/meetings.ts';
import type { MeetingService } from '../meetings/service.ts';
import type { ReminderStore } from '../store/reminders.ts';

/** How many coming meetings per council have their reminders planned ahead. */
const PLANNED_MEETINGS = 2;

/** Plans each meeting's reminders from its deadlines and the council's roster and settings. */
export class ReminderPlanner {
  constructor(
    private readonly store: ReminderStore,
    private readonly meetings: MeetingService,
    /** Whether calendar invites go out by e-mail (SMTP is configured). */
    private readonly mail = false,
  ) {}

  async planMeeting(council: Council, meeting: Meeting): Promise<{ added: number; cancelled: number }> {
    if (this.mail) await this.store.plan(council.id, meeting.id, calendarMailPlan(meeting, council.roster), 'mail');
    if (meeting.status !== 'scheduled') return { added: 0, cancelled: await this.store.cancelMeeting(meeting.id) };
    const plan = reminderPlan(meeting, this.meetings.deadlines(council, meeting), council.roster, {
      timeZone: council.timeZone,
      ...council.reminders,
    });
    return this.store.plan(council.id, meeting.id, plan);
  }

  async planCouncil(council: Council, now: Date): Promise<number> {
    let added = 0;
    for (const meeting of (await this.meetings.upcoming(council, now)).slice(0, PLANNED_MEETINGS)) {
      added += (await this.planMeeting(council, meeting)).added;
    }
    return added;
  }
}
