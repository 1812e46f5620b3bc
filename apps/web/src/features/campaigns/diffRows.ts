import type { LineDiff } from '@evergreen/contracts';

/** A line of a body diff as shown: its number in the base and in the new version. */
export interface DiffLine {
  kind: 'line';
  op: LineDiff['op'];
  text: string;
  /** Line number in the base version (null for an added line). */
  oldNo: number | null;
  /** Line number in the new version (null for a removed line). */
  newNo: number | null;
}
/** Unchanged lines folded away. */
export interface DiffSkip {
  kind: 'skip';
  count: number;
}
export type DiffRow = DiffLine | DiffSkip;

/**
 * The body's line diff with line numbers, keeping `context` unchanged lines around each change
 * and folding longer unchanged stretches into one "N unchanged lines" row.
 */
export function diffRows(lines: LineDiff[], context = 2): DiffRow[] {
  let oldNo = 0;
  let newNo = 0;
  const numbered: DiffLine[] = lines.map((l) => {
    if (l.op !== 'add') oldNo += 1;
    if (l.op !== 'remove') newNo += 1;
    return {
      kind: 'line',
      op: l.op,
      text: l.text,
      oldNo: l.op === 'add' ? null : oldNo,
      newNo: l.op === 'remove' ? null : newNo,
    };
  });
  const changed = numbered.map((l, i) => (l.op === 'same' ? -1 : i)).filter((i) => i >= 0);
  const keep = (i: number) => changed.some((c) => Math.abs(c - i) <= context);
  const out: DiffRow[] = [];
  let skipped = 0;
  numbered.forEach((line, i) => {
    if (line.op !== 'same' || keep(i)) {
      if (skipped) out.push({ kind: 'skip', count: skipped });
      skipped = 0;
      out.push(line);
    } else skipped += 1;
  });
  if (skipped) out.push({ kind: 'skip', count: skipped });
  // A single folded line is shorter shown than folded.
  return out.flatMap((row, i) => {
    if (row.kind !== 'skip' || row.count > 1) return [row];
    const index = out.slice(0, i).reduce((n, r) => n + (r.kind === 'skip' ? r.count : 1), 0);
    const line = numbered[index];
    return line ? [line] : [row];
  });
}

/** How many lines were added and removed. */
export function diffStats(lines: LineDiff[]): { added: number; removed: number } {
  return {
    added: lines.filter((l) => l.op === 'add').length,
    removed: lines.filter((l) => l.op === 'remove').length,
  };
}
