/**
 * A streaming CSV tokenizer (RFC 4180: comma separator, double-quoted fields, doubled quotes inside,
 * line breaks inside quoted fields, LF or CRLF). It takes text in chunks of any size and calls back once
 * per record with the fields, the physical line the record starts on and the record's raw text, so an
 * import can quarantine a row exactly as the partner sent it. Rows without a quote take a fast path
 * (one native split); memory is bounded by the chunk size plus one record.
 *
 * Pure: no Node APIs, so it can run in a browser as well.
 */
export type CsvRecordHandler = (fields: string[], line: number, raw: string, error: string | undefined) => void;

export interface CsvTokenizer {
  /** Feeds the next piece of text; complete records are handed to the handler at once. */
  push(text: string): void;
  /** Ends the input: a final record without a line break is handed over, an unclosed quote is reported. */
  end(): void;
  /** The physical line the next record starts on. */
  readonly nextLine: number;
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

export function createCsvTokenizer(onRecord: CsvRecordHandler): CsvTokenizer {
  let buf = '';
  let pos = 0;
  let line = 1;
  let first = true;

  /** Parses one quoted record starting at pos; returns false when more text is needed. */
  function parseQuoted(final: boolean): boolean {
    const start = pos;
    const fields: string[] = [];
    let i = pos;
    let newlines = 0;
    let error: string | undefined;
    const len = buf.length;
    for (;;) {
      if (i < len && buf.charCodeAt(i) === QUOTE) {
        let value = '';
        let j = i + 1;
        for (;;) {
          const q = buf.indexOf('"', j);
          if (q < 0) {
            if (!final) return false;
            value += buf.slice(j);
            newlines += countNewlines(buf, j, len);
            error = 'file ends inside a quoted field (a closing " is missing)';
            i = len;
            break;
          }
          if (q + 1 >= len && !final) return false;
          newlines += countNewlines(buf, j, q);
          value += buf.slice(j, q);
          if (buf.charCodeAt(q + 1) === QUOTE) { value += '"'; j = q + 2; continue; }
          i = q + 1;
          break;
        }
        fields.push(value);
        if (i >= len) break;
        const c = buf.charCodeAt(i);
        if (c === COMMA) { i++; continue; }
        if (c === LF) break;
        if (c === CR && (i + 1 >= len || buf.charCodeAt(i + 1) === LF)) { if (i + 1 >= len && !final) return false; break; }
        // Text after a closing quote: keep it, and say how to fix the row.
        error ??= 'a quoted field is followed by more text: quote the whole field and double any " inside it';
        const next = nextDelimiter(buf, i, len);
        if (next < 0 && !final) return false;
        fields[fields.length - 1] += buf.slice(i, next < 0 ? len : next);
        i = next < 0 ? len : next;
        if (i >= len) break;
        if (buf.charCodeAt(i) === COMMA) { i++; continue; }
        break;
      } else {
        const next = nextDelimiter(buf, i, len);
        if (next < 0) {
          if (!final) return false;
          fields.push(stripCr(buf.slice(i, len)));
          i = len;
          break;
        }
        if (buf.charCodeAt(next) === COMMA) { fields.push(buf.slice(i, next)); i = next + 1; if (i >= len && final) { fields.push(''); break; } continue; }
        fields.push(stripCr(buf.slice(i, next)));
        i = next;
        break;
      }
    }
    // i is at the record's line break (LF, or the CR of a CRLF) or at the end of the text.
    const raw = stripCr(buf.slice(start, i));
    if (i < len && buf.charCodeAt(i) === CR) i++;
    const recordLine = line;
    line += newlines + (i < len ? 1 : 0);
    pos = i < len ? i + 1 : len;
    onRecord(fields, recordLine, raw, error);
    return true;
  }

  function parse(final: boolean): void {
    const len = buf.length;
    // The next quote in the buffer, found once and again only after passing it (rows rarely quote).
    let q = buf.indexOf('"', pos);
    while (pos < len) {
      const nl = buf.indexOf('\n', pos);
      if (nl < 0 && !final) return;
      const end = nl < 0 ? len : nl;
      if (q >= 0 && q < pos) q = buf.indexOf('"', pos);
      if (q >= 0 && q < end) {
        if (!parseQuoted(final)) return;
        continue;
      }
      let textEnd = end;
      if (textEnd > pos && buf.charCodeAt(textEnd - 1) === CR) textEnd -= 1;
      const raw = buf.slice(pos, textEnd);
      const recordLine = line;
      line++;
      pos = end + 1;
      if (raw.length === 0) continue; // blank line
      onRecord(raw.split(','), recordLine, raw, undefined);
    }
  }

  return {
    push(text: string) {
      if (first) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      buf = pos < buf.length ? buf.slice(pos) + text : text;
      pos = 0;
      parse(false);
    },
    end() {
      parse(true);
      buf = '';
      pos = 0;
    },
    get nextLine() { return line; },
  };
}

function nextDelimiter(text: string, from: number, len: number): number {
  for (let i = from; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === LF) return i;
  }
  return -1;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function stripCr(value: string): string {
  return value.length > 0 && value.charCodeAt(value.length - 1) === CR ? value.slice(0, -1) : value;
}

/** Writes one CSV field, quoting only when it holds a comma, a quote or a line break (RFC 4180). */
export function formatCsvField(value: string): string {
  if (!/[",\r\n]/.test(value)) return value;
  return `"${value.replace(/"/g, '""')}"`;
}
