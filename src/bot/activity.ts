import { z } from 'zod';

/**
 * The shape an activity must have before botbuilder sees it. Teams sends much more; only what the
 * bot relies on is checked, the rest passes through untouched.
 */
const account = z.looseObject({
  id: z.string().min(1).max(512),
  name: z.string().max(512).optional(),
  aadObjectId: z.string().max(128).optional(),
});

export const activitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  channelId: z.string().min(1).max(64),
  from: account,
  recipient: account,
  conversation: z.looseObject({
    id: z.string().min(1).max(1024),
    conversationType: z.string().max(64).optional(),
    tenantId: z.string().max(128).optional(),
  }),
  text: z.string().max(28_000).optional(),
  name: z.string().max(256).optional(),
  replyToId: z.string().max(512).optional(),
  // botbuilder and the bot read these as lists of objects; anything else is a broken client.
  entities: z.array(z.looseObject({ type: z.string().max(256).optional() })).max(64).optional(),
  membersAdded: z.array(account).max(1000).optional(),
  membersRemoved: z.array(account).max(1000).optional(),
  locale: z.string().max(64).optional(),
  channelData: z
    .looseObject({
      tenant: z.looseObject({ id: z.string().max(128) }).optional(),
      team: z.looseObject({ id: z.string().max(1024) }).optional(),
    })
    .optional(),
});

export type IncomingActivity = z.infer<typeof activitySchema>;

export function tenantOf(activity: IncomingActivity): string | undefined {
  return (activity.channelData?.tenant?.id ?? activity.conversation.tenantId)?.toLowerCase();
}
