/**
 * One start-up of the rules Q&A in a process of its own, as the bot does it when it starts (run by
 * bench/qa.ts, which prints the figures): nothing is compiled or cached yet, so this is what the
 * index costs at start-up, unlike a build in a process that has built one before. Prints JSON.
 */
import { performance } from 'node:perf_hooks';
import { loadCouncils, SHIPPED_COUNCILS_DIR } from '../src/councils/load.ts';
import { loadKnowledgeBase } from '../src/knowledge/base.ts';
import { QaEngine } from '../src/knowledge/engine.ts';
import { loadAnalyzer } from '../src/knowledge/lexicon.ts';

const t0 = performance.now();
const councils = loadCouncils([SHIPPED_COUNCILS_DIR]);
const kbs = [...councils.values()].map((c) => loadKnowledgeBase(c, c.dir));
const t1 = performance.now();
const analyzer = loadAnalyzer();
const t2 = performance.now();
const engines = kbs.map((kb) => new QaEngine(kb, analyzer));
const t3 = performance.now();
// What the bot does once it is listening.
for (const engine of engines) engine.readAsked();
const t4 = performance.now();
for (const engine of engines) engine.learn();
const t5 = performance.now();
console.log(JSON.stringify({ files: t1 - t0, lexicon: t2 - t1, index: t3 - t2, readAsked: t4 - t3, learn: t5 - t4 }));
