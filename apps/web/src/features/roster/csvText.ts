import type { CsvRowError, FieldIssue } from '@evergreen/contracts';
import type { TFunction } from 'i18next';
import en from '../../locales/en.json';

type CsvCode = keyof typeof en.csv.errors;
const isCsvCode = (code: string): code is CsvCode => Object.hasOwn(en.csv.errors, code);

/** A CSV problem as the API reports it: a row error, or a field issue of a refused file. */
export interface CsvProblem {
  row: number | null;
  column: string | null;
  code: string;
}

/** Field issues of a refused file (`rows.5.tier`, `rows.3`, `csv`) as row and column. */
export function problemsFromIssues(issues: Pick<FieldIssue, 'field' | 'code' | 'params'>[]): CsvProblem[] {
  return issues.map((issue) => {
    const match = /^rows\.(\d+)(?:\.(.+))?$/.exec(issue.field);
    const row = issue.params?.row ?? match?.[1];
    const column = issue.params?.column ?? match?.[2];
    return {
      row: row === undefined ? null : Number(row),
      column: column === undefined ? null : String(column),
      code: issue.code,
    };
  });
}

export const problemFromRowError = (e: CsvRowError): CsvProblem => ({
  row: e.row,
  column: e.column,
  code: e.code,
});

/** "Row 5, column tier: Use 1, 2 or 3", worded from the code in the interface language. */
export function csvProblemText(p: CsvProblem, t: TFunction): string {
  const what = isCsvCode(p.code) ? t(`csv.errors.${p.code}`) : t('csv.errors.invalid_value');
  const where =
    p.row !== null && p.column
      ? t('csv.at.rowColumn', { row: p.row, column: p.column })
      : p.row !== null
        ? t('csv.at.row', { row: p.row })
        : p.column
          ? t('csv.at.column', { column: p.column })
          : null;
  return where ? `${where}: ${what}` : what;
}
