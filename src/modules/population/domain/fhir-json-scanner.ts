/**
 * Streams the entries out of a FHIR Bundle JSON document without holding the document in memory: text
 * goes in chunk by chunk, and the raw JSON text of each element of the top-level `entry` array comes
 * out as soon as it is complete (the caller JSON.parses it). Everything outside the entry array (the
 * Bundle's own fields, or a whole single resource when the document is not a Bundle) is kept as the
 * "top" text, which is small for a Bundle. A top-level JSON array is read as a list of entries too.
 *
 * The scanner follows strings, escapes and nesting only; syntax errors inside an entry surface when
 * the caller parses that entry, so one bad entry does not lose the others. Pure: no Node APIs.
 */
export interface JsonScanResult {
  /** The document without its entries (`"entry":[]`), or the whole document when it has none. */
  top: string;
  entries: number;
  /** Set when the document is cut short or malformed outside its entries. */
  error?: string | undefined;
}

export interface JsonBundleScanner {
  push(text: string): void;
  end(): JsonScanResult;
}

const MAX_TOP_CHARS = 64 * 1024 * 1024;

export function createJsonBundleScanner(onEntry: (json: string, index: number) => void): JsonBundleScanner {
  let buf = '';
  /** Where scanning resumes in buf: text before it was scanned already (kept for an open entry or key). */
  let scanPos = 0;
  let escapePending = false;
  let depth = 0;
  let inString = false;
  let expectKey = false;
  let keyStart = -1;
  let currentKey = '';
  let entriesDepth = 0;
  let elementStart = -1;
  let topFrom = 0;
  let top = '';
  let entries = 0;
  let started = false;
  let finished = false;
  let error: string | undefined;

  function scan(): void {
    const len = buf.length;
    let i = scanPos;
    if (escapePending && i < len) { escapePending = false; i++; }
    while (i < len && error === undefined) {
      if (inString) {
        // Jump to the next quote or backslash.
        let j = i;
        for (;;) {
          const q = buf.indexOf('"', j);
          const b = buf.indexOf('\\', j);
          if (b >= 0 && (q < 0 || b < q)) {
            if (b + 1 >= len) { escapePending = true; j = len; break; }
            j = b + 2;
            continue;
          }
          j = q < 0 ? len : q;
          break;
        }
        if (j >= len) { i = len; break; }
        inString = false;
        if (keyStart >= 0) { currentKey = buf.slice(keyStart + 1, j); keyStart = -1; }
        i = j + 1;
        continue;
      }
      const c = buf.charCodeAt(i);
      switch (c) {
        case 34: // "
          inString = true;
          if (depth === 1 && expectKey && entriesDepth === 0) keyStart = i;
          break;
        case 123: // {
        case 91: { // [
          if (finished) { error = 'text follows the end of the JSON document'; break; }
          started = true;
          depth++;
          if (depth === 1) {
            if (c === 123) expectKey = true;
            else { entriesDepth = 1; flushTop(i + 1); }
          } else if (c === 91 && depth === 2 && entriesDepth === 0 && currentKey === 'entry') {
            entriesDepth = 2;
            flushTop(i + 1);
          } else if (c === 123 && entriesDepth > 0 && depth === entriesDepth + 1) {
            elementStart = i;
          }
          break;
        }
        case 125: // }
        case 93: { // ]
          if (depth === 0) { error = `unexpected '${String.fromCharCode(c)}'`; break; }
          if (c === 125 && elementStart >= 0 && depth === entriesDepth + 1) {
            onEntry(buf.slice(elementStart, i + 1), ++entries);
            elementStart = -1;
          }
          if (c === 93 && depth === entriesDepth) { entriesDepth = 0; topFrom = i; }
          depth--;
          if (depth === 0) finished = true;
          break;
        }
        case 44: // ,
          if (depth === 1) expectKey = true;
          break;
        case 58: // :
          if (depth === 1) expectKey = false;
          break;
        case 32: case 9: case 10: case 13:
          break;
        default:
          if (depth === 0) error = finished ? 'text follows the end of the JSON document' : 'file does not start with a JSON object or array';
      }
      i++;
    }
    // Keep only what is still needed: the open entry, or an open key.
    if (entriesDepth === 0 && topFrom >= 0) { appendTop(buf.slice(topFrom, len)); topFrom = 0; }
    const keepFrom = elementStart >= 0 ? elementStart : keyStart >= 0 ? keyStart : len;
    if (keepFrom < len) {
      buf = buf.slice(keepFrom);
      if (elementStart >= 0) elementStart -= keepFrom;
      if (keyStart >= 0) keyStart -= keepFrom;
      topFrom = entriesDepth === 0 ? buf.length : -1;
    } else {
      buf = '';
      topFrom = entriesDepth === 0 ? 0 : -1;
    }
    scanPos = buf.length;
  }

  function flushTop(upTo: number): void {
    if (topFrom >= 0) appendTop(buf.slice(topFrom, upTo));
    topFrom = -1;
  }

  function appendTop(text: string): void {
    top += text;
    if (top.length > MAX_TOP_CHARS) error ??= 'the document outside its entries is larger than 64 MB: send resources as a Bundle or NDJSON';
  }

  return {
    push(text: string) {
      if (error !== undefined) return;
      if (!started && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      buf = buf.length === 0 ? text : buf + text;
      scan();
    },
    end() {
      if (error === undefined) {
        if (!started) error = 'file is empty';
        else if (depth > 0 || inString) error = 'file ends in the middle of a JSON document';
      }
      return { top, entries, error };
    },
  };
}
