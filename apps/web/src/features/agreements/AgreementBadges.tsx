import { Badge, type BadgeProps } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from '../../locales/en.json';
import { intlLocale } from '../../shared/i18n/format.ts';
import { INCLUSION_SUGGESTIONS } from './agreementForm.ts';
import { type ShownStatus, statusColors } from './rules.ts';

/** The status as shown (see shownStatus: a signed term that has not started is "Scheduled"). */
export function AgreementStatusBadge({ status, ...props }: { status: ShownStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    // The label keeps its full width in narrow table cells instead of being cut with an ellipsis.
    <Badge
      variant="light"
      color={statusColors[status]}
      tt="none"
      styles={{ label: { overflow: 'visible' } }}
      {...props}
    >
      {t(`agreements.statuses.${status}`)}
    </Badge>
  );
}

type KnownItem = (typeof INCLUSION_SUGGESTIONS)[number];
const isKnownItem = (item: string): item is KnownItem =>
  (INCLUSION_SUGGESTIONS as readonly string[]).includes(item);

/**
 * "Sponsored post" for the usual inclusions, "YouTube integration" for the rate types the forms
 * suggest; anything typed by hand is shown as typed.
 */
export function itemLabel(item: string, t: TFunction): string {
  if (isKnownItem(item)) return t(`agreements.inclusionItems.${item}`);
  if (Object.hasOwn(en.deliverableTypeNames, item)) {
    return t(`deliverableTypeNames.${item as keyof typeof en.deliverableTypeNames}`);
  }
  return item;
}

/** "12 months", "12 месяцев": Intl picks the plural form. */
export function formatMonths(n: number, lng: string): string {
  return new Intl.NumberFormat(intlLocale(lng), { style: 'unit', unit: 'month', unitDisplay: 'long' }).format(
    n,
  );
}
