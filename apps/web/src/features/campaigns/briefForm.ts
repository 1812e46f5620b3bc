import type {
  BriefVersion,
  CreateBriefRequest,
  DeliverableSpec,
  EditBriefRequest,
  Platform,
} from '@evergreen/contracts';
import type { TFunction } from 'i18next';

export interface DeliverableRow {
  type: string;
  platform: Platform | null;
  quantity: number | string;
  dueOn: string;
}

/** A brief as its form holds it. */
export interface BriefFormValues {
  title: string;
  body: string;
  dueOn: string;
  deliverables: DeliverableRow[];
  /** Only after acceptance: why it changes, for the creator. */
  changeNote: string;
}

export const emptyDeliverable = (): DeliverableRow => ({ type: '', platform: null, quantity: 1, dueOn: '' });

export function emptyBriefValues(campaignName = ''): BriefFormValues {
  return { title: campaignName, body: '', dueOn: '', deliverables: [], changeNote: '' };
}

export function versionToValues(v: Pick<BriefVersion, 'title' | 'body' | 'dueOn' | 'deliverables'>) {
  return {
    title: v.title,
    body: v.body,
    dueOn: v.dueOn ?? '',
    deliverables: v.deliverables.map((d) => ({
      type: d.type,
      platform: d.platform ?? null,
      quantity: d.quantity,
      dueOn: d.dueOn ?? '',
    })),
    changeNote: '',
  } satisfies BriefFormValues;
}

function toDeliverables(rows: DeliverableRow[]): DeliverableSpec[] {
  return rows.map((r) => ({
    type: r.type.trim(),
    ...(r.platform ? { platform: r.platform } : {}),
    quantity: Number(r.quantity),
    dueOn: r.dueOn || null,
  }));
}

export function valuesToCreateBrief(v: BriefFormValues, creatorId: string): CreateBriefRequest {
  return {
    creatorId,
    title: v.title.trim(),
    body: v.body,
    deliverables: toDeliverables(v.deliverables),
    dueOn: v.dueOn || null,
  };
}

/**
 * The fields that differ from the version the form started from (the version in force), and
 * the change note when it is a change request. Null when nothing changed.
 */
export function valuesToEditBrief(
  v: BriefFormValues,
  base: BriefFormValues,
  changeRequest: boolean,
): EditBriefRequest | null {
  const out: EditBriefRequest = {};
  if (v.title.trim() !== base.title.trim()) out.title = v.title.trim();
  if (v.body !== base.body) out.body = v.body;
  if (v.dueOn !== base.dueOn) out.dueOn = v.dueOn || null;
  const next = toDeliverables(v.deliverables);
  if (JSON.stringify(next) !== JSON.stringify(toDeliverables(base.deliverables))) out.deliverables = next;
  if (Object.keys(out).length === 0) return null;
  if (changeRequest) out.changeNote = v.changeNote.trim();
  return out;
}

export function validateBrief(
  v: BriefFormValues,
  t: TFunction,
  changeRequest: boolean,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.title.trim()) errors.title = t('validation.required');
  else if (v.title.trim().length > 200) errors.title = t('validation.maxLength', { max: 200 });
  if (v.body.length > 50000) errors.body = t('validation.maxLength', { max: 50000 });
  if (changeRequest) {
    if (!v.changeNote.trim()) errors.changeNote = t('briefs.form.changeNoteRequired');
    else if (v.changeNote.trim().length > 2000) errors.changeNote = t('validation.maxLength', { max: 2000 });
  }
  v.deliverables.forEach((d, i) => {
    if (!d.type.trim()) errors[`deliverables.${i}.type`] = t('validation.required');
    else if (d.type.trim().length > 60)
      errors[`deliverables.${i}.type`] = t('validation.maxLength', { max: 60 });
    const q = Number(d.quantity);
    if (d.quantity === '' || !Number.isInteger(q) || q < 1 || q > 1000) {
      errors[`deliverables.${i}.quantity`] = t('briefs.form.quantityRange');
    }
  });
  return errors;
}
