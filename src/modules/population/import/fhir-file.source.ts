import fs from 'node:fs';
import { createJsonBundleScanner } from '../domain/fhir-json-scanner.ts';
import { mapFhirResource, subjectIdentity, type FhirMapContext, type FhirMapped, type Json } from '../domain/fhir-mapping.ts';
import type { ImportItem, ItemSink } from './import-item.ts';
import { READ_CHUNK_BYTES } from './csv-file.source.ts';

/**
 * Streams FHIR R4 files: NDJSON (one resource per line, references 'Type/id') and Bundle JSON
 * (entries streamed out of the document, urn:uuid: references resolved to the entries they name).
 * A .json file that is a single resource, or an array of resources, is read as well.
 */
type BaseContext = Omit<FhirMapContext, 'resolveFullUrl'>;

function toItem(mapped: FhirMapped, line: number, raw: string, resourceType: string): ImportItem {
  switch (mapped.type) {
    case 'person': return { t: 'record', line, identity: mapped.identity, activity: undefined };
    case 'activity': return { t: 'record', line, identity: subjectIdentity(mapped.subject), activity: mapped.activity, encounterRefs: mapped.encounterRefs };
    case 'spell_diagnosis':
      return { t: 'detail', line, raw, identity: subjectIdentity(mapped.subject), link: mapped.encounter, resourceType, diagnosis: mapped.code, procedure: undefined, otherwise: mapped.otherwise };
    case 'spell_procedure':
      return {
        t: 'detail', line, raw, identity: subjectIdentity(mapped.subject), link: mapped.encounter, resourceType, diagnosis: undefined,
        procedure: { code: mapped.code, date: mapped.date }, otherwise: mapped.otherwise,
      };
    case 'skip': return { t: 'skip', line, label: mapped.label };
    case 'reject': return { t: 'quarantine', line, raw, reason: `${resourceType}: ${mapped.reason}` };
  }
}

function resourceTypeOf(resource: Json): string {
  return typeof resource.resourceType === 'string' ? resource.resourceType : 'resource';
}

function jsonError(error: unknown): string {
  return error instanceof Error ? error.message.replace(/^Unexpected/, 'unexpected').slice(0, 120) : String(error);
}

export async function readNdjsonFile(file: string, ctx: BaseContext, sink: ItemSink): Promise<{ format: string }> {
  const resumeAfter = sink.resumeAfter;
  const mapContext: FhirMapContext = ctx;
  let line = 0;
  let rest = '';
  const handleLine = (text: string, final: boolean) => {
    line++;
    if (line <= resumeAfter) return;
    const trimmed = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (trimmed.trim() === '') return;
    let resource: unknown;
    try {
      resource = JSON.parse(trimmed);
    } catch (error) {
      const reason = final ? 'file ends in the middle of a JSON document (the last line is cut short)' : `line is not valid JSON (${jsonError(error)})`;
      sink.push({ t: 'quarantine', line, raw: trimmed, reason });
      return;
    }
    if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) {
      sink.push({ t: 'quarantine', line, raw: trimmed, reason: 'line is not a FHIR resource (a JSON object)' });
      return;
    }
    const json = resource as Json;
    sink.push(toItem(mapFhirResource(json, undefined, mapContext), line, trimmed, resourceTypeOf(json)));
  };
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: READ_CHUNK_BYTES });
  try {
    let first = true;
    for await (const chunk of stream) {
      let text = chunk as string;
      if (first) { first = false; if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); }
      let start = 0;
      let buf = rest.length > 0 ? rest + text : text;
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', start)) {
        handleLine(buf.slice(start, nl), false);
        start = nl + 1;
      }
      rest = buf.slice(start);
      buf = '';
      await sink.drain(stream.bytesRead);
    }
  } finally {
    stream.destroy();
  }
  if (rest.length > 0) handleLine(rest, true);
  await sink.drain(stream.bytesRead);
  return { format: 'fhir-ndjson' };
}

export async function readBundleFile(file: string, ctx: BaseContext, sink: ItemSink): Promise<{ format: string }> {
  const resumeAfter = sink.resumeAfter;
  const fullUrls = new Map<string, string>();
  const mapContext: FhirMapContext = { ...ctx, resolveFullUrl: (ref) => fullUrls.get(ref) };
  const handleEntry = (json: string, index: number) => {
    let entry: Json;
    try {
      const parsed: unknown = JSON.parse(json);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      entry = parsed as Json;
    } catch (error) {
      if (index > resumeAfter) sink.push({ t: 'quarantine', line: index, raw: json, reason: `entry ${index} is not valid JSON (${jsonError(error)})` });
      return;
    }
    // An array of resources holds resources directly; a Bundle entry holds one under `resource`.
    const resource = (typeof entry.resourceType === 'string' && entry.resource === undefined ? entry : entry.resource) as Json | undefined;
    const fullUrl = typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined;
    if (resource && typeof resource === 'object') {
      const type = resourceTypeOf(resource);
      if (fullUrl !== undefined && typeof resource.id === 'string') fullUrls.set(fullUrl, `${type}/${resource.id}`);
    }
    if (index <= resumeAfter) return;
    if (!resource || typeof resource !== 'object') { sink.push({ t: 'quarantine', line: index, raw: json, reason: `entry ${index} has no resource` }); return; }
    const method = (entry.request as Json | undefined)?.method;
    if (method === 'DELETE') { sink.push({ t: 'skip', line: index, label: 'Bundle entry (DELETE)' }); return; }
    sink.push(toItem(mapFhirResource(resource, fullUrl, mapContext), index, json, resourceTypeOf(resource)));
  };
  const scanner = createJsonBundleScanner(handleEntry);
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: READ_CHUNK_BYTES });
  try {
    for await (const chunk of stream) {
      scanner.push(chunk as string);
      await sink.drain(stream.bytesRead);
    }
  } finally {
    stream.destroy();
  }
  const result = scanner.end();
  const next = result.entries + 1;
  if (result.error !== undefined) {
    if (next > resumeAfter) sink.push({ t: 'quarantine', line: next, raw: result.top.slice(-200), reason: result.error });
  } else if (result.top.trimStart().startsWith('{')) {
    let top: Json | undefined;
    try { top = JSON.parse(result.top) as Json; } catch (error) {
      if (next > resumeAfter) sink.push({ t: 'quarantine', line: next, raw: result.top.slice(0, 200), reason: `file is not valid JSON (${jsonError(error)})` });
    }
    if (top && top.resourceType !== 'Bundle' && next > resumeAfter) {
      // A single resource rather than a Bundle.
      if (typeof top.resourceType !== 'string') sink.push({ t: 'quarantine', line: next, raw: result.top.slice(0, 200), reason: 'file is neither a FHIR Bundle nor a resource (no resourceType)' });
      else sink.push(toItem(mapFhirResource(top, undefined, mapContext), next, result.top, top.resourceType));
    }
  }
  await sink.drain(Number.MAX_SAFE_INTEGER);
  return { format: 'fhir-bundle' };
}
