import {
  type Channel,
  type CreatorStatus,
  channels,
  creatorStatuses,
  type TouchpointKind,
  touchpointKinds,
} from '@evergreen/contracts';
import type { TFunction } from 'i18next';

/** Select options for the roster's enums, labelled in the interface language. */
export const channelOptions = (t: TFunction): { value: Channel; label: string }[] =>
  channels.map((value) => ({ value, label: t(`creator.channel.${value}`) }));

export const kindOptions = (t: TFunction): { value: TouchpointKind; label: string }[] =>
  touchpointKinds.map((value) => ({ value, label: t(`creator.kind.${value}`) }));

export const statusOptions = (t: TFunction): { value: CreatorStatus; label: string }[] =>
  creatorStatuses.map((value) => ({ value, label: t(`creator.status.${value}`) }));

export const isChannel = (value: unknown): value is Channel =>
  typeof value === 'string' && (channels as readonly string[]).includes(value);
export const isKind = (value: unknown): value is TouchpointKind =>
  typeof value === 'string' && (touchpointKinds as readonly string[]).includes(value);
export const isStatus = (value: unknown): value is CreatorStatus =>
  typeof value === 'string' && (creatorStatuses as readonly string[]).includes(value);

/** Interface languages a creator can speak, named as the language pickers name them. */
export const creatorLanguageOptions = [
  { value: 'en', label: 'English' },
  { value: 'ru', label: 'Русский' },
];
