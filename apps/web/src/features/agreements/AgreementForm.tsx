import type { Agreement } from '@evergreen/contracts';
import { isDay, termEndsOn } from '@evergreen/rules';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { currencyDigits, formatMoney, parseAmount } from '../../shared/money.ts';
import { CURRENCY_CODE, currencyCodes } from '../../shared/regions.ts';
import { FormActions, StackForm } from '../../shared/ui/FormActions.tsx';
import {
  BasicsSection,
  CommitmentSection,
  isType,
  OtherSection,
  RenewalSection,
  RightsSection,
  Section,
} from './AgreementFormSections.tsx';
import {
  type AgreementFormValues,
  agreementFieldAliases,
  intOrNull,
  typeDefaults,
  typeFields,
  validateAgreement,
  valuesToCreate,
  valuesToFields,
} from './agreementForm.ts';
import { useCreateAgreement, useUpdateAgreement } from './api.ts';
import { InclusionsField } from './InclusionsField.tsx';

interface AgreementFormProps {
  workspaceId: string;
  creatorId: string;
  creatorName: string;
  initialValues: AgreementFormValues;
  /** Editing a draft; otherwise a new draft is created. */
  agreementId?: string;
  onDone: (agreement: Agreement) => void;
  onCancel: () => void;
}

/** A new agreement (a draft) or a draft's changes: the fields that apply to its type. */
export function AgreementForm({
  workspaceId,
  creatorId,
  creatorName,
  initialValues,
  agreementId,
  onDone,
  onCancel,
}: AgreementFormProps) {
  const { t, i18n } = useTranslation();
  const fmt = useFormatters();
  const { lng } = fmt;
  const handleError = useApiErrorHandler();
  const create = useCreateAgreement(workspaceId);
  const update = useUpdateAgreement(workspaceId, agreementId ?? '');
  const form = useForm<AgreementFormValues>({
    initialValues,
    validate: (values) => validateAgreement(values, t, lng),
  });
  const v = form.values;
  const fields = typeFields[v.type];
  const currencies = useMemo(() => {
    const codes = new Set(currencyCodes());
    if (CURRENCY_CODE.test(v.currency)) codes.add(v.currency);
    return [...codes].sort();
  }, [v.currency]);
  const digits = CURRENCY_CODE.test(v.currency) ? currencyDigits(v.currency) : null;
  const moneyHint = (raw: string) => {
    if (digits === null || !raw.trim()) return undefined;
    const parsed = parseAmount(raw, digits, lng);
    return parsed.ok ? formatMoney(parsed.minor, v.currency, lng) : undefined;
  };
  const term = intOrNull(v.termMonths);
  const endsOn = isDay(v.startsOn) && term && term >= 1 && term <= 120 ? termEndsOn(v.startsOn, term) : null;

  // Named in the document's language, like the document itself.
  const defaultTitle = i18n.getFixedT(v.language)(`agreements.defaultTitles.${v.type}`, {
    name: creatorName,
  });

  const setType = (value: string) => {
    if (!isType(value)) return;
    form.setFieldValue('type', value);
    // Defaults follow the type until someone chooses otherwise.
    if (!form.isDirty('termMonths')) form.setFieldValue('termMonths', typeDefaults[value].termMonths);
    if (!form.isDirty('autoRenew')) form.setFieldValue('autoRenew', typeDefaults[value].autoRenew);
  };

  const submit = form.onSubmit((values) => {
    const options = {
      onSuccess: (saved: Agreement) => {
        notifications.show({
          color: 'teal',
          message: agreementId
            ? t('agreements.form.saved')
            : t('agreements.form.created', { title: saved.title }),
        });
        onDone(saved);
      },
      onError: (error: unknown) => handleError(error, form, agreementFieldAliases(values)),
    };
    if (agreementId) {
      const fields = valuesToFields(values, lng);
      update.mutate({ ...fields, title: fields.title || defaultTitle }, options);
    } else create.mutate(valuesToCreate(values, creatorId, lng, defaultTitle), options);
  });
  return (
    <StackForm onSubmit={submit} label={t('agreements.form.label')} testId="agreement-form" gap="xl">
      <BasicsSection
        form={form}
        defaultTitle={defaultTitle}
        endsOn={endsOn}
        currencies={currencies}
        onType={setType}
      />

      <CommitmentSection form={form} moneyHint={moneyHint} />

      {fields.inclusions ? (
        <Section title={t('agreements.form.sections.inclusions')}>
          <InclusionsField form={form} />
        </Section>
      ) : null}

      <RightsSection form={form} />

      <RenewalSection form={form} />

      <OtherSection form={form} />

      <FormActions
        onCancel={onCancel}
        loading={create.isPending || update.isPending}
        label={agreementId ? t('agreements.form.save') : t('agreements.form.submit')}
        testId="agreement-submit"
      />
    </StackForm>
  );
}
