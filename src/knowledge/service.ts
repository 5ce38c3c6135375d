import type { LoadedCouncil } from '../councils/load.ts';
import { KnowledgeError, loadKnowledgeBase } from './base.ts';
import { QaEngine } from './engine.ts';
import { loadAnalyzer, type Analyzer } from './lexicon.ts';

/** One Q&A engine per council that has rules; all problems of all councils are reported together. */
export function loadKnowledge(councils: ReadonlyMap<string, LoadedCouncil>, analyzer: Analyzer = loadAnalyzer()): Map<string, QaEngine> {
  const engines = new Map<string, QaEngine>();
  const problems: string[] = [];
  for (const council of councils.values()) {
    try {
      const kb = loadKnowledgeBase(council, council.dir);
      if (kb.entries.length > 0) engines.set(council.id, new QaEngine(kb, analyzer));
    } catch (err) {
      if (err instanceof KnowledgeError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  return engines;
}
