/**
 * `npm run kb:check`: validates every council's rules.md, faq.yaml and asked.yaml and the shared
 * lexicon, the same way start-up does, and prints what each knowledge base holds. Exit code 1 on any
 * problem.
 */
import { loadCouncils, SHIPPED_COUNCILS_DIR, CouncilFileError } from '../councils/load.ts';
import { ABSTAIN, KnowledgeError, loadKnowledgeBase } from '../knowledge/base.ts';
import { LexiconError, loadAnalyzer } from '../knowledge/lexicon.ts';
import { LANGUAGES } from '../i18n/language.ts';

const dirs = [SHIPPED_COUNCILS_DIR, ...(process.env.COUNCILS_DIR ? [process.env.COUNCILS_DIR] : [])];
const problems: string[] = [];
try {
  loadAnalyzer();
  const councils = loadCouncils(dirs);
  for (const council of councils.values()) {
    try {
      const kb = loadKnowledgeBase(council, council.dir);
      if (kb.entries.length === 0) {
        console.log(`${council.id}: no rules.md/faq.yaml (rules questions are answered with "I don't know")`);
        continue;
      }
      const cited = new Set(kb.entries.flatMap((e) => e.sections));
      const uncited = [...kb.sections.keys()].filter((id) => !cited.has(id));
      const questions = LANGUAGES.map((l) => `${l} ${kb.entries.reduce((n, e) => n + e.questions[l].length, 0)}`).join(', ');
      const outOfScope = kb.asked.filter((a) => a.expect === ABSTAIN).length;
      console.log(
        `${council.id}: ${kb.sections.size} sections, ${kb.entries.length} entries, questions: ${questions}; asked: ${kb.asked.length} (${outOfScope} out of scope)`,
      );
      if (uncited.length > 0) console.log(`  sections no entry cites yet: ${uncited.join(', ')}`);
    } catch (err) {
      if (err instanceof KnowledgeError) problems.push(...err.problems);
      else throw err;
    }
  }
} catch (err) {
  if (err instanceof CouncilFileError || err instanceof LexiconError) problems.push(...err.problems);
  else throw err;
}
if (problems.length > 0) {
  for (const p of problems) console.error(`kb:check: ${p}`);
  process.exit(1);
}
console.log('kb:check: ok');
