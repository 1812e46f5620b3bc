import type { Role } from '@evergreen/contracts';
import { Badge, Select, type SelectProps } from '@mantine/core';
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

/** The choice of one of `roles` (whom to invite as, what a token may do), named as RoleBadge names them. */
export function RoleSelect({ roles, ...props }: Omit<SelectProps, 'data'> & { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <Select
      data={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      allowDeselect={false}
      w={170}
      {...props}
    />
  );
}
