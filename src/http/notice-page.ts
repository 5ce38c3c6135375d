import type { Council } from '../councils/schema.ts';
import { noticeContent } from '../bot/proposal-cards.ts';
import { isLanguage, type Language } from '../i18n/language.ts';
import type { ProposalService } from '../proposals/service.ts';
import type { MeetingStore } from '../store/meetings.ts';

/** Where the printable notice of a meeting is served, when the bot has a public address. */
export function noticeUrl(publicBaseUrl: string | undefined, meetingId: string): string | undefined {
  return publicBaseUrl ? `${publicBaseUrl}/meetings/${encodeURIComponent(meetingId)}/notice` : undefined;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/**
 * The notice (kallelse) of a meeting as a printable page, once its agenda is approved: a notice is a
 * public document (Lund publishes them on lund.se), so it needs no sign-in. Everything shown is
 * escaped; nothing typed by a member can become markup.
 */
export async function noticePage(
  deps: { councils: ReadonlyMap<string, Council>; meetingStore: MeetingStore; proposals: ProposalService },
  meetingId: string,
  lang: string | undefined,
): Promise<string | undefined> {
  const meeting = await deps.meetingStore.get(meetingId);
  const council = meeting && deps.councils.get(meeting.councilId);
  if (!meeting || !council || meeting.status !== 'scheduled') return undefined;
  const language: Language = lang && isLanguage(lang) ? lang : council.languages[0]!;
  const view = await deps.proposals.agenda(council, meeting, language);
  if (view.state.status !== 'approved') return undefined;
  const n = noticeContent({ council, language }, meeting, view.agenda, view.state);
  const e = escapeHtml;
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(n.heading)} – ${e(n.council)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
  h1 { font-size: 1.5rem; margin-bottom: 0; } h2 { font-size: 1.2rem; margin-top: .25rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: 600; } ol { padding-left: 0; list-style: none; } li { margin: .75rem 0; }
  .item { font-weight: 600; } .line { color: #444; margin: 0; white-space: pre-wrap; }
  @media print { body { margin: 0; } }
</style>
</head>
<body>
<h1>${e(n.council)}</h1>
<h2>${e(n.heading)}</h2>
<dl>${n.facts.map((f) => `<dt>${e(f.title)}</dt><dd>${e(f.value)}</dd>`).join('')}</dl>
<p>${e(n.itemsHeading)}</p>
<ol>${n.items.map((i) => `<li><div class="item">${e(i.heading)}</div>${i.lines.map((l) => `<p class="line">${e(l)}</p>`).join('')}</li>`).join('\n')}</ol>
<h3>${e(n.membersHeading)}</h3>
<p>${e(n.members)}</p>
${n.signatures.map((s) => `<p>${e(s)}</p>`).join('\n')}
</body>
</html>
`;
}
