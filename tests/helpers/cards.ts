import * as AC from 'adaptivecards';

/** Problems the official Adaptive Cards renderer finds in a card: unknown elements, duplicate ids, ... */
export function cardProblems(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of card.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

type Attachment = { contentType?: string; content?: unknown };

/** The Adaptive Card content of a sent activity, or undefined. */
export function adaptiveCardOf(activity: Record<string, unknown>): Record<string, unknown> | undefined {
  const attachments = (activity.attachments ?? []) as Attachment[];
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return card?.content as Record<string, unknown> | undefined;
}

/** Every text a card shows (TextBlocks, rich text blocks as one line, facts), for assertions on what a user reads. */
export function cardTexts(card: unknown): string[] {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') texts.push(o.text);
      if (o.type === 'RichTextBlock' && Array.isArray(o.inlines)) {
        texts.push((o.inlines as { text?: unknown }[]).map((i) => (typeof i.text === 'string' ? i.text : '')).join(''));
        return;
      }
      if (typeof o.title === 'string') texts.push(o.title);
      if (typeof o.value === 'string' && !('type' in o)) texts.push(o.value);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return texts;
}
