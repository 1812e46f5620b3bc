import { type CampaignStatus, campaignStatuses } from '@evergreen/contracts';
import { isDay } from '@evergreen/rules';

/** The campaigns list's filters, as kept in the address bar. */
export interface CampaignFilters {
  q: string;
  status: CampaignStatus[];
  market: string[];
  product: string;
  from: string;
  to: string;
}

export const defaultCampaignFilters: CampaignFilters = {
  q: '',
  status: [],
  market: [],
  product: '',
  from: '',
  to: '',
};

const isStatus = (v: string): v is CampaignStatus => (campaignStatuses as readonly string[]).includes(v);
const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

export function campaignFiltersFromSearch(params: URLSearchParams): CampaignFilters {
  const day = (key: string) => {
    const v = params.get(key) ?? '';
    return isDay(v) ? v : '';
  };
  return {
    q: params.get('q') ?? '',
    status: list(params.get('status')).filter(isStatus),
    market: list(params.get('market')).filter((m) => /^[A-Z]{2}$/.test(m)),
    product: params.get('product') ?? '',
    from: day('from'),
    to: day('to'),
  };
}

export function campaignFiltersToSearch(f: CampaignFilters): URLSearchParams {
  const out = new URLSearchParams();
  if (f.q.trim()) out.set('q', f.q.trim());
  if (f.status.length) out.set('status', f.status.join(','));
  if (f.market.length) out.set('market', f.market.join(','));
  if (f.product.trim()) out.set('product', f.product.trim());
  if (f.from) out.set('from', f.from);
  if (f.to) out.set('to', f.to);
  return out;
}

/** The API query: empty filters are left out. */
export function filtersToApiQuery(f: CampaignFilters): Record<string, string | undefined> {
  return {
    q: f.q.trim() || undefined,
    status: f.status.length ? f.status.join(',') : undefined,
    market: f.market.length ? f.market.join(',') : undefined,
    product: f.product.trim() || undefined,
    from: f.from || undefined,
    to: f.to || undefined,
  };
}

export const hasCampaignFilters = (f: CampaignFilters) => campaignFiltersToSearch(f).toString() !== '';
