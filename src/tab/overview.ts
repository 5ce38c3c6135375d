import { z } from 'zod';
import { deadlineRows, timeRange } from '../bot/meeting-cards.ts';
import { noticeContent } from '../bot/proposal-cards.ts';
import type { CalendarLinks } from '../calendar/links.ts';
import { councilLanguage, councilName, secretaryContact } from '../councils/display.ts';
import type { Council } from '../councils/schema.ts';
import { LANGUAGES, type Language } from '../i18n/language.ts';
import { t } from '../i18n/messages.ts';
import type { MeetingService } from '../meetings/service.ts';
import type { ProposalService } from '../proposals/service.ts';
import type { Store } from '../store/store.ts';
import { noticeUrl } from '../http/notice-page.ts';

// The tab shows the coming meetings of a season, not the whole plan.
const MEETINGS_SHOWN = 4;

export const overviewQuerySchema = z.object({
  council: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).optional().catch(undefined),
  conversation: z.string().min(1).max(512).optional().catch(undefined),
  lang: z.enum(LANGUAGES).optional().catch(undefined),
});
export type OverviewQuery = z.infer<typeof overviewQuerySchema>;

export type TabOverview = {
  language: Language;
  labels: Record<'title' | 'council' | 'upcoming' | 'place' | 'agenda' | 'agendaPending' | 'notice' | 'subscribe' | 'budget', string>;
  council: { id: string; name: string };
  /** Every council, to choose from outside a bound team; only the bound one inside it. */
  councils: { id: string; name: string }[];
  bound: boolean;
  contact: string;
  empty: string;
  subscribeUrl: string | undefined;
  meetings: {
    id: string;
    when: string;
    place: string;
    budget: boolean;
    onlineUrl: string | undefined;
    deadlines: { label: string; value: string }[];
    agenda: { heading: string; lines: string[] }[] | undefined;
    noticeUrl: string | undefined;
  }[];
};

export type OverviewDeps = {
  councils: ReadonlyMap<string, Council>;
  defaultCouncil: Council;
  store: Pick<Store, 'getBinding'>;
  meetings: MeetingService;
  proposals: ProposalService;
  calendarLinks: CalendarLinks;
  publicBaseUrl: string | undefined;
  clock: () => Date;
};

/**
 * What the tab shows for a council: the coming meetings, their deadlines and approved agendas.
 * All of it is public record (the notice is published), so it needs no sign-in; the roster and
 * pending proposals stay out. A team or chat bound to a council sees that council.
 */
export async function tabOverview(deps: OverviewDeps, query: OverviewQuery): Promise<TabOverview> {
  const binding = query.conversation ? await deps.store.getBinding(query.conversation) : undefined;
  const bound = binding && deps.councils.get(binding.councilId);
  const council = bound ?? (query.council ? deps.councils.get(query.council) : undefined) ?? deps.defaultCouncil;
  const language = query.lang ?? councilLanguage(council);
  const now = deps.clock();
  const view = { council, language, now, staff: false, deadlinesOf: (m: Parameters<MeetingService['deadlines']>[1]) => deps.meetings.deadlines(council, m), cite: () => '' };
  const coming = (await deps.meetings.upcoming(council, now)).slice(0, MEETINGS_SHOWN);
  const meetings = await Promise.all(
    coming.map(async (m) => {
      const agenda = await deps.proposals.agenda(council, m, language);
      const approved = agenda.state.status === 'approved';
      return {
        id: m.id,
        when: timeRange(m, view),
        place: m.place,
        budget: m.budget,
        onlineUrl: m.onlineUrl ?? undefined,
        deadlines: deadlineRows(m, view),
        agenda: approved ? noticeContent({ council, language }, m, agenda.agenda, agenda.state).items : undefined,
        noticeUrl: approved ? noticeUrl(deps.publicBaseUrl, m.id) : undefined,
      };
    }),
  );
  const name = councilName(council, language);
  return {
    language,
    labels: {
      title: t(language, 'tab.title'),
      council: t(language, 'tab.council'),
      upcoming: t(language, 'tab.upcoming'),
      place: t(language, 'meeting.place'),
      agenda: t(language, 'tab.agenda'),
      agendaPending: t(language, 'tab.agendaPending'),
      notice: t(language, 'agenda.openNotice'),
      subscribe: t(language, 'calendar.subscribe'),
      budget: t(language, 'meetings.budgetTag'),
    },
    council: { id: council.id, name },
    councils: bound
      ? [{ id: council.id, name }]
      : [...deps.councils.values()].map((c) => ({ id: c.id, name: councilName(c, language) })).sort((a, b) => a.name.localeCompare(b.name, language)),
    bound: Boolean(bound),
    contact: t(language, 'tab.contact', { secretary: secretaryContact(council, language) }),
    empty: meetings.length === 0 ? t(language, 'meeting.none', { council: name, secretary: secretaryContact(council, language) }) : '',
    subscribeUrl: deps.calendarLinks.subscription(council.id),
    meetings,
  };
}
