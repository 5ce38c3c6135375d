import { describe, expect, it } from 'vitest';
import { renderCard } from '../../src/cards/render.ts';

type Node = { type?: string; data?: Record<string, unknown>; [key: string]: unknown };

function actions(node: unknown, found: Node[] = []): Node[] {
  if (Array.isArray(node)) node.forEach((n) => actions(n, found));
  else if (node && typeof node === 'object') {
    const obj = node as Node;
    if (obj.type === 'Action.Execute' || obj.type === 'Action.Submit') found.push(obj);
    Object.values(obj).forEach((v) => actions(v, found));
  }
  return found;
}

describe('card rendering', () => {
  it("tags every button with the card's language, so a press is answered in it whatever the client's locale", () => {
    const card = renderCard('welcome', { title: 'Välkommen', intro: '', notice: '', commands: [], contact: '', helpButton: 'Vad kan du göra?', helpCommand: 'hjälp' }, 'sv');
    const buttons = actions(card);
    expect(buttons.length).toBeGreaterThan(0);
    for (const b of buttons) expect(b.data?.lang).toBe('sv');
  });

  it('keeps typed "${...}" literal', () => {
    const card = renderCard('welcome', { title: '${secret}', intro: '', notice: '', commands: [], contact: '', helpButton: 'x', helpCommand: 'help' }, 'en');
    expect(JSON.stringify(card)).toContain('${secret}');
  });
});
