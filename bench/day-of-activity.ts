import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/**
 * One day of new activity for a generated place, as CSV extracts in Seamless's layouts: the place's
 * own GP events, A&E attendances, outpatient appointments and admissions of one day, written again
 * under new record ids (prefix + the stored id), so importing them adds that many new records for
 * the people who had activity that day — the load of a daily feed. A fresh prefix per run keeps each
 * file new to the store (an import of content already imported is skipped); records an earlier run
 * imported this way (ids starting 'DAY') are not copied again, so the day stays the same size.
 */
export interface DayOfActivity { dir: string; records: number; persons: number }

const money = (pence: number | null) => (pence === null ? '' : (pence / 100).toFixed(2));
const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function writeDayOfActivity(storeFile: string, outDir: string, day: string, prefix: string): DayOfActivity {
  const db = new BetterSqlite3(storeFile, { readonly: true });
  fs.mkdirSync(outDir, { recursive: true });
  const persons = new Set<number>();
  let records = 0;
  const write = (file: string, header: string, sqlText: string, row: (r: Record<string, unknown>) => unknown[]) => {
    const lines = [header];
    for (const r of db.prepare(sqlText).iterate(day) as IterableIterator<Record<string, unknown>>) {
      persons.add(Number(r.person_id));
      lines.push(row(r).map(csvCell).join(','));
    }
    records += lines.length - 1;
    fs.writeFileSync(path.join(outDir, file), `${lines.join('\n')}\n`);
  };
  const key = (r: Record<string, unknown>) => [r.nhs_number, '', `${prefix}${String(r.record_key)}`, r.source_org];
  try {
    write('gp_events.csv', 'nhs_number,local_person_id,record_id,source_org,event_date,snomed_code,term,value,unit',
      `SELECT e.*, p.nhs_number FROM gp_event e JOIN person p ON p.id = e.person_id
        WHERE e.event_date = ? AND e.record_key NOT LIKE 'DAY%' AND e.code_system = 'SNOMED CT' AND p.nhs_number IS NOT NULL`,
      (r) => [...key(r), r.event_date, r.code, r.term, r.value, r.unit]);
    write('ae_attendances.csv', 'nhs_number,local_person_id,record_id,source_org,arrival_at,departure_at,arrival_mode,chief_complaint_snomed,diagnosis_snomed,disposal,cost',
      `SELECT a.*, p.nhs_number FROM ae_attendance a JOIN person p ON p.id = a.person_id
        WHERE substr(a.arrival_at, 1, 10) = ? AND a.record_key NOT LIKE 'DAY%' AND p.nhs_number IS NOT NULL`,
      (r) => [...key(r), r.arrival_at, r.departure_at, r.arrival_mode, r.chief_complaint_snomed, r.diagnosis_snomed, r.disposal, money(r.cost_pence as number | null)]);
    write('op_appointments.csv', 'nhs_number,local_person_id,record_id,source_org,appointment_date,treatment_function_code,first_attendance,attended_or_dna,cost',
      `SELECT o.*, p.nhs_number FROM op_appointment o JOIN person p ON p.id = o.person_id
        WHERE o.appointment_date = ? AND o.record_key NOT LIKE 'DAY%' AND p.nhs_number IS NOT NULL`,
      (r) => [...key(r), r.appointment_date, r.treatment_function_code, r.first_attendance, r.attended_or_dna, money(r.cost_pence as number | null)]);
    write('apc_spells.csv', 'nhs_number,local_person_id,record_id,source_org,spell_number,admission_date,discharge_date,admission_method,admission_source,'
      + 'discharge_method,discharge_destination,primary_diagnosis,secondary_diagnoses,procedures,procedure_dates,length_of_stay,cost',
      `SELECT s.*, p.nhs_number FROM apc_spell s JOIN person p ON p.id = s.person_id
        WHERE s.admission_date = ? AND s.record_key NOT LIKE 'DAY%' AND s.primary_diagnosis IS NOT NULL AND p.nhs_number IS NOT NULL`,
      (r) => [...key(r), `${prefix}${String(r.spell_number ?? r.record_key)}`, r.admission_date, r.discharge_date, r.admission_method, r.admission_source,
        r.discharge_method, r.discharge_destination, r.primary_diagnosis, '', '', '', r.length_of_stay, money(r.cost_pence as number | null)]);
  } finally {
    db.close();
  }
  return { dir: outDir, records, persons: persons.size };
}
