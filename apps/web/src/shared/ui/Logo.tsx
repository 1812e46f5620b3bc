import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconTrees } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** `compact` hides the name on small screens, where the header needs the room. */
export function Logo({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={30} radius="md" variant="filled" aria-hidden>
        <IconTrees size={19} />
      </ThemeIcon>
      <Text fw={700} size="lg" visibleFrom={compact ? 'md' : undefined}>
        {t('app.name')}
      </Text>
    </Group>
  );
}
