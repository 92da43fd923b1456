/**
 * CSV for spreadsheets (RFC 4180, CRLF line ends). A cell that begins with =, +, -, @, a tab or a
 * carriage return is read by spreadsheet programs as a formula: it gets a leading apostrophe, so
 * whatever a person typed is shown as text and never run.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
