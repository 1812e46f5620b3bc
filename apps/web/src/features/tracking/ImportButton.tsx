import { Button } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The header button that opens the imports page on this kind of file (orders, posts). */
export function ImportButton({
  workspaceId,
  kind,
  children,
}: {
  workspaceId: string;
  kind: 'orders' | 'posts';
  children: ReactNode;
}) {
  return (
    <Button
      component={Link}
      to={`/w/${workspaceId}/imports?kind=${kind}`}
      variant="default"
      leftSection={<IconFileImport size={16} aria-hidden />}
    >
      {children}
    </Button>
  );
}
