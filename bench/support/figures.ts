/** A limit a figure must stay within. */
export interface Target {
  kind: 'at least' | 'at most' | 'under';
  value: number;
}

/** One line of the result table. `value` undefined: not measured (see `note`). */
export interface Figure {
  stage: string;
  name: string;
  value: number | undefined;
  unit: string;
  target?: Target;
  note?: string;
}

export function met(figure: Figure): boolean | undefined {
  if (!figure.target || figure.value === undefined) return undefined;
  const { kind, value } = figure.target;
  if (kind === 'at least') return figure.value >= value;
  return kind === 'at most' ? figure.value <= value : figure.value < value;
}

const formatNumber = (value: number) =>
  value.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 });

const withUnit = (value: number, unit: string) => (unit === '%' ? `${formatNumber(value)}%` : `${formatNumber(value)} ${unit}`);

function describeTarget(figure: Figure): string {
  if (!figure.target) return '';
  const sign = { 'at least': '≥', 'at most': '≤', under: '<' }[figure.target.kind];
  return `${sign} ${withUnit(figure.target.value, figure.unit)}`;
}

/** A Markdown table (readable as it is in a terminal, and pasted as it is into the README). */
export function renderTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const verdict = met(f);
    return [
      f.stage,
      f.name,
      f.value === undefined ? (f.note ?? 'n/a') : withUnit(f.value, f.unit),
      describeTarget(f),
      verdict === undefined ? '' : verdict ? '✓' : '✗',
    ];
  });
  const header = ['Stage', 'Figure', 'Measured', 'Target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
