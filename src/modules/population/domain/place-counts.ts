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
