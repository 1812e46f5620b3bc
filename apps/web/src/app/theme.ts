import { TableScrollContainer, createTheme, localStorageColorSchemeManager } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'md',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // Native horizontal scrolling: no reserved scrollbar gap under short tables.
    TableScrollContainer: TableScrollContainer.extend({ defaultProps: { type: 'native' } }),
  },
});

export const colorSchemeManager = localStorageColorSchemeManager({ key: 'evergreen.color-scheme' });
