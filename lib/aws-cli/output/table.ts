/**
 * `--output table` as AWS CLI v2 draws it: sections titled by the operation and by each nested key, scalar keys as
 * column headers (sorted), one row per list element, every section scaled to the widest one, and the whole table
 * turned into key/value rows when it is wider than the terminal. Widths count East Asian wide and ambiguous
 * characters as two columns, like the CLI.
 */
import wide from "../generated/east-asian-width.json";
import { isDict, pyStr, pyTypeName } from "../python-values";

const RANGES = (wide as unknown as { ranges: [number, number][] }).ranges;

function isWide(code: number): boolean {
  let lo = 0;
  let hi = RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (code < RANGES[mid][0]) hi = mid - 1;
    else if (code > RANGES[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char.codePointAt(0)!) ? 2 : 1;
  return width;
}

/** Python's round(): halves to even. */
function pyRound(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (Math.abs(diff - 0.5) < 1e-12) return floor % 2 === 0 ? floor : floor + 1;
  return Math.round(value);
}

/** A table the CLI could not draw (rows of different lengths): Python raises, the CLI exits 255 with the message. */
export class TableError extends Error {}

class Section {
  title = "";
  headers: string[] = [];
  rows: string[][] = [];
  indentLevel = 0;
  private columns: number | undefined;
  private maxWidths: number[] = [];

  addHeader(headers: string[]): void {
    this.updateWidths(headers);
    if (this.columns === undefined) this.columns = headers.length;
    this.headers = headers;
  }

  addRow(row: unknown[]): void {
    if (this.columns === undefined) this.columns = row.length;
    if (row.length !== this.columns) throw new TableError(`Row should have ${this.columns} elements, instead it has ${row.length}`);
    const texts = row.map((cell) => pyStr(cell));
    this.rows.push(texts);
    this.updateWidths(texts);
  }

  private updateWidths(row: string[]): void {
    if (this.maxWidths.length === 0) this.maxWidths = row.map(textWidth);
    else row.forEach((cell, i) => (this.maxWidths[i] = Math.max(textWidth(cell), this.maxWidths[i] ?? 0)));
  }

  columnWidths(padding: number, maxWidth?: number): number[] {
    const unscaled = this.maxWidths.map((w) => w + padding);
    if (maxWidth === undefined || unscaled.length === 0) return unscaled;
    const scale = maxWidth / unscaled.reduce((a, b) => a + b, 0);
    const scaled = unscaled.map((w) => pyRound(scale * w));
    let offBy = scaled.reduce((a, b) => a + b, 0) - maxWidth;
    while (offBy !== 0) {
      const order = [...scaled.keys()];
      if (offBy < 0) order.reverse();
      for (const i of order) {
        if (offBy > 0) {
          scaled[i] -= 1;
          offBy -= 1;
        } else {
          scaled[i] += 1;
          offBy += 1;
        }
        if (offBy === 0) break;
      }
    }
    return scaled;
  }

  totalWidth(padding: number, withBorder: boolean, outerPadding: number): number {
    let total = this.columnWidths(0).reduce((sum, w) => sum + w + padding, 0);
    if (withBorder) total += 2;
    total += outerPadding * 2;
    return Math.max(textWidth(this.title) + 2 + outerPadding * 2, total);
  }
}

function centerText(text: string, length: number, left: string, right: string): string {
  const width = textWidth(text);
  const start = Math.floor(length / 2) - Math.floor(width / 2) - 1;
  const soFar = textWidth(left) + start + width;
  return left + " ".repeat(Math.max(0, start)) + text + " ".repeat(Math.max(0, length - textWidth(right) - soFar)) + right;
}

function alignLeft(text: string, length: number, left: string, right: string, color = false): string {
  const width = textWidth(text);
  const padding = length - (width + 2 + textWidth(left) + textWidth(right)) >= 0 ? 2 : 0;
  const soFar = left.length + padding + width;
  const shown = color ? `${ROW_STYLE[0]}${text}${ROW_STYLE[1]}` : text;
  return left + " ".repeat(padding) + shown + " ".repeat(Math.max(0, length - soFar - right.length)) + right;
}

// colorama's codes, as the CLI's ColorizedStyler uses them (bright blue cells, dim yellow indentation bars).
const ROW_STYLE = ["\x1b[1m\x1b[34m", "\x1b[0m"];
const INDENT_STYLE = ["\x1b[2m\x1b[33m", "\x1b[0m"];

class MultiTable {
  sections: Section[] = [];
  private current: Section | undefined;

  constructor(
    private readonly terminalWidth: number,
    private readonly color: boolean,
  ) {}

  newSection(title: string, indentLevel = 0): void {
    this.current = new Section();
    this.current.title = title;
    this.current.indentLevel = indentLevel;
    this.sections.push(this.current);
  }

  addRowHeader(headers: string[]): void {
    this.section().addHeader(headers);
  }

  addRow(row: unknown[]): void {
    this.section().addRow(row);
  }

  private section(): Section {
    if (!this.current) throw new TableError("'NoneType' object has no attribute 'add_row'");
    return this.current;
  }

  render(): string {
    let maxWidth = this.maxWidth();
    if (maxWidth > this.terminalWidth) {
      this.convertToVertical();
      maxWidth = this.maxWidth();
    }
    let out = `${"-".repeat(maxWidth)}\n`;
    for (const section of this.sections) out += this.renderSection(section, maxWidth);
    return out;
  }

  private maxWidth(): number {
    return Math.max(...this.sections.map((s) => s.totalWidth(4, true, s.indentLevel)));
  }

  private convertToVertical(): void {
    this.sections = this.sections.map((section) => {
      if (section.rows.length !== 1 || section.headers.length === 0) return section;
      const vertical = new Section();
      vertical.title = section.title;
      vertical.indentLevel = section.indentLevel;
      section.headers.forEach((header, i) => {
        if (i < section.rows[0].length) vertical.addRow([header, section.rows[0][i]]);
      });
      return vertical;
    });
  }

  private renderSection(section: Section, tableWidth: number): string {
    const bar = this.color ? `${INDENT_STYLE[0]}|${INDENT_STYLE[1]}` : "|";
    const indent = bar.repeat(section.indentLevel);
    const lines: string[] = [];
    const maxWidth = tableWidth - section.indentLevel * 2;
    if (section.title) {
      lines.push(centerText(section.title, maxWidth, "|", "|"));
      if (section.headers.length === 0 && section.rows.length === 0) lines.push(`+${"-".repeat(maxWidth - 2)}+`);
    }
    if (section.headers.length > 0) {
      const widths = section.columnWidths(4, maxWidth);
      lines.push(lineBreak(widths));
      lines.push(section.headers.map((header, i) => centerText(header, widths[i], i === 0 ? "|" : "", "|")).join(""));
    }
    if (section.rows.length > 0) {
      const widths = section.columnWidths(4, maxWidth);
      if (widths.length > 0) {
        lines.push(lineBreak(widths));
        for (const row of section.rows) {
          lines.push(widths.map((width, i) => (i < row.length ? alignLeft(row[i], width, i === 0 ? "|" : "", "|", this.color) : "")).join(""));
        }
        lines.push(lineBreak(widths));
      }
    }
    return lines.map((line) => `${indent}${line}${indent}\n`).join("");
  }
}

function lineBreak(widths: number[]): string {
  return widths.map((width, i) => (i === 0 ? `+${"-".repeat(width - 2)}+` : `${"-".repeat(width - 1)}+`)).join("");
}

const isScalar = (value: unknown) => !Array.isArray(value) && !isDict(value);

/** Python truthiness, which decides whether the CLI draws anything. */
function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isDict(value)) return Object.keys(value).length > 0;
  return true;
}

function sortedKeys(keys: Iterable<string>): string[] {
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function groupScalarKeys(current: Record<string, unknown>): [string[], string[]] {
  const headers: string[] = [];
  const more: string[] = [];
  for (const key of Object.keys(current)) (isScalar(current[key]) ? headers : more).push(key);
  return [sortedKeys(headers), sortedKeys(more)];
}

class TableBuilder {
  constructor(readonly table: MultiTable) {}

  build(title: string | undefined, current: unknown, indentLevel = 0): boolean {
    if (!truthy(current)) return false;
    if (title !== undefined) this.table.newSection(title, indentLevel);
    if (Array.isArray(current)) {
      if (isDict(current[0])) this.fromList(current, indentLevel, title);
      else {
        for (const item of current) {
          if (isScalar(item)) this.table.addRow([item]);
          else if (Array.isArray(item) && item.every(isScalar)) this.table.addRow(item);
          else if (isDict(item) && Object.keys(item).every(() => true)) this.table.addRow(Object.keys(item));
          else this.build(undefined, item);
        }
      }
    }
    if (isDict(current)) this.fromDict(current, indentLevel);
    return true;
  }

  private fromDict(current: Record<string, unknown>, indentLevel: number): void {
    const [headers, more] = groupScalarKeys(current);
    if (headers.length === 1) this.table.addRow([headers[0], current[headers[0]]]);
    else if (headers.length > 0) {
      this.table.addRowHeader(headers);
      this.table.addRow(headers.map((k) => current[k]));
    }
    for (const key of more) this.build(key, current[key], indentLevel + 1);
  }

  private fromList(current: unknown[], indentLevel: number, title: string | undefined): void {
    const headerSet = new Set<string>();
    const moreSet = new Set<string>();
    for (const item of current) {
      // Python indexes every element as a mapping: a list mixing mappings and other values makes the CLI fail.
      if (!isDict(item)) throw new TableError(`${pyTypeName(item).slice(8, -2)} indices must be integers or slices, not str`);
      const [h, m] = groupScalarKeys(item);
      h.forEach((k) => headerSet.add(k));
      m.forEach((k) => moreSet.add(k));
    }
    const headers = sortedKeys(headerSet);
    const more = sortedKeys(moreSet);
    this.table.addRowHeader(headers);
    let first = true;
    for (const element of current) {
      const item = isDict(element) ? element : {};
      if (!first && more.length > 0) {
        this.table.newSection(title ?? "", indentLevel);
        this.table.addRowHeader(headers);
      }
      first = false;
      this.table.addRow(headers.map((h) => (Object.hasOwn(item, h) ? item[h] : "")));
      for (const key of more) if (Object.hasOwn(item, key)) this.build(key, item[key], indentLevel + 1);
    }
  }
}

/**
 * The text `--output table` prints for `value`, titled by the operation name, for a terminal `width` columns wide;
 * `color` as `--color on` (or `auto` on a terminal) draws it.
 */
export function formatTable(operationName: string, value: unknown, width: number, color = false): string {
  const table = new MultiTable(width, color);
  if (!new TableBuilder(table).build(operationName, value)) return "";
  return table.render();
}
