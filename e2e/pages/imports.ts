import type { Page } from 'playwright-core';

/** The Imports page: kind, file, the mapping step (how the file will be read), mode, start, the run. */
export class ImportsPage {
  constructor(private page: Page) {}
  async chooseFile(path: string) {
    await this.page.locator('input[type="file"]').setInputFiles(path);
  }
  mapping() {
    return this.page.getByTestId('import-mapping');
  }
  /** What the mapping comes from: the badge, with `data-source` (preset, saved, given, proposed, columns). */
  source() {
    return this.page.getByTestId('import-mapping-source');
  }
  encoding() {
    return this.page.getByTestId('import-mapping-encoding');
  }
  timeZone() {
    return this.page.getByTestId('import-mapping-zone');
  }
  /** The field a file column is read as ('' to ignore it), chosen in that column's select. */
  fieldFor(column: string) {
    return this.page.getByRole('combobox', { name: `Evergreen field for the column ${column}`, exact: true });
  }
  /** The hint under a column no field is mapped to that the preset still reads. */
  derivedHint(column: string) {
    return this.page
      .getByTestId('import-mapping-table')
      .locator(`tr[data-column="${column}"] [data-testid="import-mapping-derived"]`);
  }
  async mapColumn(column: string, field: string) {
    await this.fieldFor(column).selectOption(field);
  }
  /** A sample cell as it will be read: the row number in the file and the field. */
  sampleCell(row: number, field: string) {
    return this.page
      .getByTestId('import-mapping-sample')
      .locator(`tbody tr[data-row="${row}"] td[data-field="${field}"]`);
  }
  sampleRows() {
    return this.page.getByTestId('import-mapping-sample').locator('tbody tr');
  }
  async saveMappingAs(name: string) {
    await this.page.getByTestId('import-mapping-name').fill(name);
    await this.page.getByTestId('import-mapping-save').click();
  }
  /** Chooses the file and starts the import in `mode` at once (the mapping as proposed). */
  async upload(path: string, mode: 'all' | 'valid') {
    await this.chooseFile(path);
    await this.start(mode);
  }
  async start(mode: 'all' | 'valid' = 'all') {
    await this.page.getByTestId(`import-mode-${mode}`).check();
    await this.page.getByTestId('import-start').click();
  }
  run() {
    return this.page.getByTestId('import-run');
  }
  count(name: 'total' | 'created' | 'updated' | 'unchanged' | 'skipped') {
    return this.page.getByTestId(`import-count-${name}`);
  }
}
