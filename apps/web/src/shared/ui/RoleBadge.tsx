import type { Role } from '@evergreen/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const roleColors: Record<Role, string> = {
  owner: 'teal',
  manager: 'blue',
  analyst: 'gray',
  creator: 'grape',
};

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={roleColors[role]}>
      {t(`roles.${role}`)}
    </Badge>
  );
}
