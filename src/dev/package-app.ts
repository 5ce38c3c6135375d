/**
 * `npm run package`: the Teams app package. Fills the bot id (MicrosoftAppId), the Teams app id
 * (TEAMS_APP_ID, else the bot id) and the host (PUBLIC_BASE_URL) into manifest/manifest.json,
 * validates it offline against the official schema, and writes manifest/build/council-bot.zip
 * (and the unpacked files beside it, to read); `-- --out <dir>` writes elsewhere.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { appPackageFiles, MANIFEST_DIR, PACKAGE_FILE, packageSettings, zipPackage } from '../teams-app/package.ts';
import { validateAppPackage } from './validate-app-package.ts';

if (existsSync('.env')) process.loadEnvFile('.env');

try {
  const { settings, warnings } = packageSettings(process.env);
  const files = appPackageFiles(settings);
  const problems = await validateAppPackage(files);
  if (problems.length > 0) {
    console.error(`the app package is not valid:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = path.resolve(values.out ?? path.join(MANIFEST_DIR, 'build'));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const [name, data] of Object.entries(files)) writeFileSync(path.join(out, name), data);
  writeFileSync(path.join(out, PACKAGE_FILE), zipPackage(files));
  for (const w of warnings) console.warn(`warning: ${w}`);
  console.log(`wrote ${path.relative(process.cwd(), path.join(out, PACKAGE_FILE))} (bot ${settings.botId}, tab ${settings.baseUrl}/tab); the manifest validates against its schema`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
