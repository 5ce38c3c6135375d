import type { z } from 'zod';

/** One readable line per zod issue: "<prefix>: <path>: <message>". */
export function formatIssues(issues: readonly z.core.$ZodIssue[], prefix: string): string[] {
  return issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    return `${prefix}: ${path}: ${issue.message}`;
  });
}
