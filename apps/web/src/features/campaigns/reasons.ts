import type { RotationReason, Suggestion } from '@evergreen/contracts';
import type { TFunction } from 'i18next';
import { formatDay, formatDays } from '../../shared/i18n/format.ts';

/**
 * A rotation reason in the interface language. The API's `detail` is English for developers,
 * so the sentence is rebuilt from the factor, the points and what the suggestion says about the
 * creator; the few numbers only `detail` carries (days since, lead time) are read from it.
 */
export function reasonText(
  reason: RotationReason,
  s: Pick<Suggestion, 'tier' | 'status' | 'markets' | 'warnings'>,
  campaign: { markets: string[] },
  t: TFunction,
  lng: string,
): string {
  const d = reason.detail;
  switch (reason.factor) {
    case 'market': {
      if (campaign.markets.length === 0) return t('campaigns.reasons.market.noMarkets');
      const common = campaign.markets.filter((m) => s.markets.includes(m));
      if (common.length) return t('campaigns.reasons.market.match', { markets: common.join(', ') });
      return t('campaigns.reasons.market.none', {
        campaign: campaign.markets.join(', '),
        creator: s.markets.join(', ') || '—',
      });
    }
    case 'tier':
      return /strategic launch/.test(d)
        ? t('campaigns.reasons.tierLaunch', { tier: s.tier })
        : t('campaigns.reasons.tier', { tier: s.tier });
    case 'potential': {
      const score = /(\d+)$/.exec(d)?.[1];
      return score
        ? t('campaigns.reasons.potential.score', { score })
        : t('campaigns.reasons.potential.none');
    }
    case 'value': {
      const m = /^([\d.]+) in sales per 1 spent(?: \(roster ([\d.]+)\))?/.exec(d);
      if (!m) return t('campaigns.reasons.value.none');
      return t('campaigns.reasons.value.rate', { rate: m[1], roster: m[2] ?? '—' });
    }
    case 'recency': {
      if (/^No campaign/i.test(d)) return t('campaigns.reasons.recency.never');
      const date = /(\d{4}-\d{2}-\d{2})/.exec(d)?.[1];
      const days = /^(\d+) days? since/.exec(d)?.[1];
      if (days !== undefined && date) {
        return t('campaigns.reasons.recency.days', {
          duration: formatDays(Number(days), lng),
          date: formatDay(date, lng),
        });
      }
      if (date) return t('campaigns.reasons.recency.now', { date: formatDay(date, lng) });
      return t('campaigns.reasons.recency.unknown');
    }
    case 'load': {
      const count = Number(/^(\d+) active/.exec(d)?.[1] ?? Math.round(-reason.points / 10));
      return count > 0 ? t('campaigns.reasons.load.count', { count }) : t('campaigns.reasons.load.none');
    }
    case 'availability': {
      const statusPoints = s.status === 'paused' ? -40 : s.status === 'prospect' ? -10 : 0;
      const parts: string[] = [];
      if (s.status === 'paused') parts.push(t('campaigns.reasons.availability.paused'));
      if (s.status === 'prospect') parts.push(t('campaigns.reasons.availability.prospect'));
      if (reason.points - statusPoints <= -40) parts.push(t('campaigns.reasons.availability.notice'));
      return parts.length ? parts.join('; ') : t('campaigns.reasons.availability.active');
    }
    case 'lead_time': {
      const short = s.warnings.find((w) => w.code === 'short_lead_time');
      const m = /Starts in (-?\d+) days?; they like (\d+)/.exec(d);
      const starts = short?.daysUntilStart ?? (m ? Number(m[1]) : null);
      const lead = short?.leadTimeDays ?? (m ? Number(m[2]) : null);
      if (starts === null || lead === null) return t('campaigns.reasons.leadTime.none');
      const params = { starts: formatDays(starts, lng), lead: formatDays(lead, lng) };
      if (starts < 0) return t('campaigns.reasons.leadTime.started', { lead: params.lead });
      return short || starts < lead
        ? t('campaigns.reasons.leadTime.short', params)
        : t('campaigns.reasons.leadTime.ok', params);
    }
  }
}

/** "+35", "0", "−10": points with their sign (a real minus sign). */
export function signedPoints(points: number): string {
  if (points > 0) return `+${points}`;
  if (points < 0) return `\u2212${Math.abs(points)}`;
  return '0';
}
