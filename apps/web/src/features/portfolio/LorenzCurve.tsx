import type { PortfolioOverview } from '@evergreen/contracts';
import { useTranslation } from 'react-i18next';

type Point = PortfolioOverview['concentration']['lorenz'][number];

const W = 240;
const PAD = 28;

/**
 * The Lorenz curve as SVG: creators poorest first along x, the share of revenue (or reach) they
 * bring together along y, against the diagonal of an even portfolio. Labelled for screen readers.
 */
export function LorenzCurve({ points, summary }: { points: Point[]; summary: string }) {
  const { t } = useTranslation();
  const size = W - PAD;
  const x = (v: string) => PAD + Number(v) * (size - 8);
  const y = (v: string) => 8 + (1 - Number(v)) * (size - 8);
  const line = points.map((p) => `${x(p.creators).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return (
    <svg
      viewBox={`0 0 ${W} ${W}`}
      width="100%"
      style={{ maxWidth: 280 }}
      role="img"
      aria-label={summary}
      data-testid="portfolio-lorenz"
    >
      <title>{summary}</title>
      <rect
        x={PAD}
        y={8}
        width={size - 8}
        height={size - 8}
        fill="none"
        stroke="var(--mantine-color-gray-4)"
      />
      <line
        x1={x('0')}
        y1={y('0')}
        x2={x('1')}
        y2={y('1')}
        stroke="var(--mantine-color-gray-5)"
        strokeDasharray="4 3"
      />
      <polyline points={line} fill="none" stroke="var(--mantine-color-teal-7)" strokeWidth={2.5} />
      <text x={PAD} y={W - 6} fontSize={10} fill="currentColor">
        {t('portfolio.concentration.axisCreators')}
      </text>
      <text
        x={10}
        y={W - PAD - 4}
        fontSize={10}
        fill="currentColor"
        transform={`rotate(-90 10 ${W - PAD - 4})`}
      >
        {t('portfolio.concentration.axisValue')}
      </text>
    </svg>
  );
}
