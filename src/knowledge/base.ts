import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Council } from '../councils/schema.ts';
import { LANGUAGES, type Language } from '../i18n/language.ts';
import { formatIssues } from '../validation.ts';
import { parseYaml } from '../yaml.ts';
import { sentences, words } from './text.ts';

export type RuleSection = {
  id: string;
  title: string;
  /** Paragraphs as written, PDF line breaks inside sentences joined. */
  paragraphs: string[];
  sourceId: string;
};

const perLanguage = <T extends z.ZodType>(item: T) => z.object({ sv: item, da: item, en: item }).strict();

const faqEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and hyphens'),
    sections: z.array(z.string()).min(1),
    related: z.array(z.string()).max(3, 'at most three related questions are shown').default([]),
    questions: perLanguage(z.array(z.string().trim().min(5)).min(1)),
    answer: perLanguage(z.string().trim().min(5).max(600)),
  })
  .strict();

export type FaqEntry = z.infer<typeof faqEntrySchema>;

/** What an asked question expects when the rules do not answer it. */
export const ABSTAIN = 'abstain';

const askedQuestionSchema = z
  .object({
    q: z.string().trim().min(3),
    expect: z.string().regex(/^[a-z0-9-]+$/, `must be an entry id or "${ABSTAIN}"`),
  })
  .strict();

/** A question someone asked, with the entry that answers it or `abstain`. */
export type AskedQuestion = z.infer<typeof askedQuestionSchema>;

export type KnowledgeBase = {
  councilId: string;
  /** The language the rules are written in: the council's first language. */
  language: Language;
  /** Words naming the council's own municipality ("lund", "høje-taastrup", "taastrup"). */
  places: string[];
  sections: Map<string, RuleSection>;
  entries: FaqEntry[];
  /** Questions people asked (`asked.yaml`): more ways of asking each entry, and what to abstain on. */
  asked: AskedQuestion[];
};

export class KnowledgeError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid knowledge base:\n${problems.join('\n')}`);
  }
}

const HEADING = /^##\s+(.+?)\s+\{#([a-z0-9-]+)\s+source=([a-z0-9-]+)\}\s*$/;

/**
 * Paragraphs of text copied out of PDFs are often cut mid-sentence ("… ska vara rådets ledamöter
 * tillhanda" / "14 dagar före …"). A paragraph that does not end a sentence is joined with the next.
 */
export function joinBrokenParagraphs(paragraphs: readonly string[]): string[] {
  const joined: string[] = [];
  for (const raw of paragraphs) {
    const text = raw.replace(/\s*\n\s*(?!- )/g, ' ').trim();
    if (!text) continue;
    const previous = joined.at(-1);
    const isList = text.startsWith('- ') || previous?.includes('\n- ');
    if (previous !== undefined && !isList && !/[.!?:;)]$/.test(previous)) joined[joined.length - 1] = `${previous} ${text}`;
    else joined.push(text);
  }
  return joined;
}

export function parseRules(markdown: string, file: string): { sections: RuleSection[]; problems: string[] } {
  const sections: RuleSection[] = [];
  const problems: string[] = [];
  let current: { id: string; title: string; sourceId: string; lines: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    const paragraphs = joinBrokenParagraphs(current.lines.join('\n').split(/\n\s*\n/));
    if (paragraphs.length === 0) problems.push(`${file}: section ${current.id} has no text`);
    sections.push({ id: current.id, title: current.title, sourceId: current.sourceId, paragraphs });
  };
  markdown.split('\n').forEach((line, index) => {
    if (line.startsWith('## ')) {
      const m = HEADING.exec(line);
      if (!m) {
        problems.push(`${file} (line ${index + 1}): a section heading must read "## Title {#section-id source=source-id}"`);
        return;
      }
      flush();
      current = { title: m[1]!, id: m[2]!, sourceId: m[3]!, lines: [] };
    } else if (current) current.lines.push(line);
  });
  flush();
  return { sections, problems };
}

const MUNICIPALITY_WORDS = new Set(['kommun', 'kommune', 'municipality', 'stad', 'by']);

/**
 * The place in the municipality's name, as people write it: "Lunds kommun" gives "lunds" and
 * "lund"; "Høje-Taastrup Kommune" gives "høje-taastrup", "høje" and "taastrup".
 */
export function placeWords(municipality: string): string[] {
  const found = new Set<string>();
  for (const w of words(municipality)) {
    if (MUNICIPALITY_WORDS.has(w)) continue;
    for (const part of [w, ...w.split('-')]) {
      found.add(part);
      if (part.endsWith('s') && part.length > 4) found.add(part.slice(0, -1));
    }
  }
  return [...found];
}

const normalizeQuestion = (q: string) => words(q).join(' ');

/** Reads and checks `rules.md` and `faq.yaml` of one council; every problem is reported at once. */
export function loadKnowledgeBase(council: Council, dir: string): KnowledgeBase {
  const rulesFile = path.join(dir, 'rules.md');
  const faqFile = path.join(dir, 'faq.yaml');
  const label = (f: string) => path.relative(process.cwd(), f) || f;
  const problems: string[] = [];
  if (!existsSync(rulesFile) || !existsSync(faqFile)) {
    return { councilId: council.id, language: council.languages[0]!, places: placeWords(council.municipality), sections: new Map(), entries: [], asked: [] };
  }

  const rules = parseRules(readFileSync(rulesFile, 'utf8'), label(rulesFile));
  problems.push(...rules.problems);
  const sections = new Map<string, RuleSection>();
  const sourceIds = new Set(council.sources.map((s) => s.id));
  for (const s of rules.sections) {
    if (sections.has(s.id)) problems.push(`${label(rulesFile)}: section ${s.id} appears twice`);
    if (!sourceIds.has(s.sourceId)) problems.push(`${label(rulesFile)}: section ${s.id} cites source "${s.sourceId}", which council.yaml does not list`);
    sections.set(s.id, s);
  }
  const cited: [string, string | undefined][] = [
    ['notice.rule', council.notice.rule],
    ['meetings.rule', council.meetings.rule],
    ['extraMeeting.rule', council.extraMeeting?.rule],
  ];
  for (const [where, id] of cited) {
    if (id !== undefined && !sections.has(id)) problems.push(`council.yaml: ${where} cites section ${id}, which rules.md does not have`);
  }

  const entries = readYamlList(faqFile, z.array(faqEntrySchema).min(1), label(faqFile), problems) ?? [];

  const ids = new Set<string>();
  const seenQuestions = new Map<string, string>();
  for (const entry of entries) {
    const where = `${label(faqFile)}: ${entry.id}`;
    if (ids.has(entry.id)) problems.push(`${where}: the id is used twice`);
    ids.add(entry.id);
    for (const s of entry.sections) if (!sections.has(s)) problems.push(`${where}: cites section ${s}, which rules.md does not have`);
    for (const language of LANGUAGES) {
      for (const q of entry.questions[language]) {
        const key = `${language}:${normalizeQuestion(q)}`;
        const other = seenQuestions.get(key);
        if (other) problems.push(`${where}: the question "${q}" is also asked in ${other}`);
        seenQuestions.set(key, entry.id);
      }
      const count = sentences(entry.answer[language]).length;
      if (count > 2) problems.push(`${where}: the ${language} answer has ${count} sentences; at most two`);
    }
  }
  for (const entry of entries) {
    for (const r of entry.related) {
      if (!ids.has(r)) problems.push(`${label(faqFile)}: ${entry.id}: related entry ${r} does not exist`);
      if (r === entry.id) problems.push(`${label(faqFile)}: ${entry.id}: lists itself as related`);
    }
  }
  const askedFile = path.join(dir, 'asked.yaml');
  // Each question is checked on its own, so that one mistyped line does not hide the others' problems.
  const askedItems = existsSync(askedFile) ? (readYamlList(askedFile, z.array(z.unknown()).nullable(), label(askedFile), problems) ?? []) : [];
  const asked: AskedQuestion[] = [];
  const askedBefore = new Map<string, number>();
  askedItems.forEach((item, index) => {
    const parsed = askedQuestionSchema.safeParse(item);
    if (!parsed.success) {
      problems.push(...formatIssues(parsed.error.issues, `${label(askedFile)} (question ${index + 1})`));
      return;
    }
    const a = parsed.data;
    asked.push(a);
    const where = `${label(askedFile)} (question ${index + 1}, "${a.q}")`;
    if (a.expect !== ABSTAIN && !ids.has(a.expect)) problems.push(`${where}: expects entry ${a.expect}, which faq.yaml does not have`);
    const key = normalizeQuestion(a.q);
    const variantOf = LANGUAGES.map((l) => seenQuestions.get(`${l}:${key}`)).find((id) => id !== undefined);
    if (variantOf) problems.push(`${where}: is already a question variant of ${variantOf}`);
    const before = askedBefore.get(key);
    if (before !== undefined) problems.push(`${where}: is also question ${before}`);
    askedBefore.set(key, index + 1);
  });
  if (problems.length > 0) throw new KnowledgeError(problems);
  return { councilId: council.id, language: council.languages[0]!, places: placeWords(council.municipality), sections, entries, asked };
}

/** A YAML file holding a list, checked against `schema`; what is wrong goes to `problems`. */
function readYamlList<T>(file: string, schema: z.ZodType<T>, where: string, problems: string[]): T | undefined {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`${where}: cannot be read: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) problems.push(...formatIssues(parsed.error.issues, where));
  return parsed.success ? parsed.data : undefined;
}
