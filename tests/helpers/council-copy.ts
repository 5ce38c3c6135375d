import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SHIPPED_COUNCILS_DIR } from '../../src/councils/load.ts';
import { parseYaml, stringifyYaml } from '../../src/yaml.ts';

/**
 * A copy of a shipped council under a new id, with e-mail addresses added to roster entries by
 * name (and roles changed), so that tests can act as its chair or members. Returns the folder to use as COUNCILS_DIR.
 */
export function councilCopy(sourceId: string, newId: string, emails: Record<string, string>, roles: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'councils-'));
  const dir = path.join(root, newId);
  cpSync(path.join(SHIPPED_COUNCILS_DIR, sourceId), dir, { recursive: true });
  const file = path.join(dir, 'council.yaml');
  const council = parseYaml(readFileSync(file, 'utf8')) as { id: string; roster: { name: string; email?: string; role: string }[] };
  council.id = newId;
  for (const entry of council.roster) {
    const email = emails[entry.name];
    const role = roles[entry.name];
    if (email) entry.email = email;
    if (role) entry.role = role;
  }
  writeFileSync(file, stringifyYaml(council));
  return root;
}
