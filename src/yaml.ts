/**
 * YAML for the council files, the lexicon and the dev tools: js-yaml, which reads several times
 * faster than the `yaml` package did (the asked questions, thousands of lines, were most of the
 * bot's start-up). Its default is YAML 1.2's core schema, so dates and "yes" stay strings.
 */
import { dump, loadAll, YAMLException } from 'js-yaml';

/** One YAML document; a file of comments only (an asked.yaml not yet started) is null. */
export function parseYaml(text: string): unknown {
  const documents = loadAll(text);
  if (documents.length > 1) throw new YAMLException(`expected one YAML document, found ${documents.length}`);
  return documents[0] ?? null;
}

export function stringifyYaml(value: unknown): string {
  return dump(value);
}

/** The line (counted from 1) a YAML syntax error is on, when it says. */
export function yamlErrorLine(err: unknown): number | undefined {
  return err instanceof YAMLException && err.mark ? err.mark.line + 1 : undefined;
}
