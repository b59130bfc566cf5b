import type { SuppressedCount } from '../../governance/domain/disclosure-control.ts';

/**
 * The place's headline figures, as the store counts them and the home page shows them. Pure and
 * isomorphic: the server and the web app share this one shape.
 */
export interface PlaceCounts {
  people: number;
  living: number;
  aged65Plus: number;
  aged85Plus: number;
  gpPractices: number;
  localities: { code: string; name: string; people: number }[];
  activityLast12Months: {
    gpEvents: number; emergencyAdmissions: number; electiveAdmissions: number; aeAttendances: number;
    outpatientAppointments: number; communityContacts: number; urgentCareContacts: number; socialCareRequests: number;
  };
  socialCare: { peopleWithLongTermSupport: number; weeklyCostPence: number };
  hospitalCostLast12MonthsPence: number;
}

/**
 * The headline figures as a reader sees them: for planning roles persons with the national data
 * opt-out are left out and small locality counts are suppressed ('<8').
 */
export interface PlaceSummary extends Omit<PlaceCounts, 'localities'> {
  asOf: string;
  localities: { code: string; name: string; people: SuppressedCount }[];
  /** True for planning roles: opt-outs left out and small counts suppressed. */
  suppressed: boolean;
}
