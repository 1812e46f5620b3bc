try {
  const scheme = localStorage.getItem('evergreen.color-scheme');
  const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches;
  const dark = scheme === 'dark' || (scheme === 'auto' && prefersDark);
  document.documentElement.setAttribute('data-mantine-color-scheme', dark ? 'dark' : 'light');
  const lang = localStorage.getItem('evergreen.lang');
  if (lang === 'ru' || lang === 'en') document.documentElement.lang = lang;
} catch {
  // Storage disabled: React applies the defaults a moment later.
}
