import { ActionIcon, CopyButton, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

interface CopyFieldProps {
  value: string;
  label: string;
  description?: string;
  testId?: string;
}

/** A copy-to-clipboard button: its tooltip and icon say "copied" for two seconds after a click. */
export function CopyIcon({ value, testId }: { value: string; testId?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
          <ActionIcon
            variant="subtle"
            color={copied ? 'teal' : 'gray'}
            onClick={copy}
            aria-label={t('common.copy')}
            data-testid={testId}
          >
            {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

/** A read-only value with a copy button: invitation links, token secrets. */
export function CopyField({ value, label, description, testId }: CopyFieldProps) {
  return (
    <TextInput
      label={label}
      description={description}
      value={value}
      readOnly
      onFocus={(e) => e.currentTarget.select()}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      data-testid={testId}
      rightSection={<CopyIcon value={value} testId={testId ? `${testId}-copy` : undefined} />}
    />
  );
}
