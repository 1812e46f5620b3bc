/**
 * Merge fields a template may use, as `{{creator.firstName}}`: the server renders them
 * (packages/core/src/messaging/render.ts), the template editor offers and describes them. A
 * section `{{#lastPost}}…{{/lastPost}}` shows only when its value is there
 * (`{{^lastPost}}…{{/lastPost}}` only when it is not).
 */
export const mergeFields = [
  'creator.name',
  'creator.firstName',
  'creator.greetingName',
  'owner.name',
  'owner.firstName',
  'sender.name',
  'sender.firstName',
  'workspace.name',
  'lastPost.title',
  'lastPost.engagementRate',
  'lastPost.url',
  'lastPost.postedOn',
  'nextCampaign.name',
  'nextCampaign.startsOn',
  'overlap.products',
  'overlap.markets',
  'overlap.from',
  'overlap.to',
  'brief.campaign',
  'brief.title',
  'brief.body',
  'brief.deliverables',
  'brief.dueOn',
  'agreement.title',
  'agreement.document',
] as const;
export type MergeField = (typeof mergeFields)[number];
