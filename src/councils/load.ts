import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatIssues } from '../validation.ts';
import { parseYaml, yamlErrorLine } from '../yaml.ts';
import { councilSchema, type Council } from './schema.ts';

/** A council as read from its folder, which also holds its rules and curated answers. */
export type LoadedCouncil = Council & { dir: string };

export const SHIPPED_COUNCILS_DIR = fileURLToPath(new URL('../../councils/', import.meta.url));

export class CouncilFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid council definition:\n${problems.join('\n')}`);
  }
}

const FILE_NAMES = ['council.yaml', 'council.yml', 'council.json'];

/** Parses and validates one council file; throws CouncilFileError naming the file, path and problem. */
export function readCouncilFile(file: string): LoadedCouncil {
  const label = path.relative(process.cwd(), file) || file;
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    const line = yamlErrorLine(err);
    const where = line ? ` (line ${line})` : '';
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new CouncilFileError([`${label}${where}: cannot be read: ${message}`]);
  }
  const parsed = councilSchema.safeParse(raw);
  if (!parsed.success) throw new CouncilFileError(formatIssues(parsed.error.issues, label));
  const folder = path.basename(path.dirname(file));
  if (parsed.data.id !== folder) {
    throw new CouncilFileError([`${label}: id: is "${parsed.data.id}" but the folder is "${folder}"; they must match`]);
  }
  return { ...parsed.data, dir: path.dirname(file) };
}

function councilFilesIn(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CouncilFileError([`${dir}: is not a folder of council definitions`]);
  }
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const file = FILE_NAMES.map((n) => path.join(dir, entry.name, n)).find((f) => existsSync(f));
    if (file) files.push(file);
  }
  return files;
}

/**
 * Loads the shipped councils and those in `extraDir`. Every problem in every file is reported at once,
 * so that whoever edits the files fixes them in one round.
 */
export function loadCouncils(dirs: readonly string[]): Map<string, LoadedCouncil> {
  const councils = new Map<string, LoadedCouncil>();
  const problems: string[] = [];
  for (const dir of dirs) {
    let files: string[];
    try {
      files = councilFilesIn(dir);
    } catch (err) {
      if (err instanceof CouncilFileError) problems.push(...err.problems);
      else throw err;
      continue;
    }
    for (const file of files) {
      try {
        const council = readCouncilFile(file);
        if (councils.has(council.id)) problems.push(`${file}: id: council "${council.id}" is already defined elsewhere`);
        else councils.set(council.id, council);
      } catch (err) {
        if (err instanceof CouncilFileError) problems.push(...err.problems);
        else throw err;
      }
    }
  }
  if (problems.length > 0) throw new CouncilFileError(problems);
  return councils;
}
