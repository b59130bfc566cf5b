/**
 * Adult social care in the shape of the Client Level Data (CLD) return, using the Release 2 strings of
 * reference/cld_vocabulary.csv exactly (a test checks every one of them against that file).
 *
 * Unit costs are rounded to the levels councils report: home care about £25 an hour (NHS England
 * ASC-FR 2023-24; the Homecare Association's minimum price for 2024-25 is higher at £30.32),
 * reablement about £30 an hour, residential care for older people about £850 a week and nursing care
 * about £1,050 a week (ASC-FR 2023-24 averages, rounded), direct payments averaging about £350 a week
 * for older people, day support about £55 a session (PSSRU Unit Costs of Health and Social Care 2023).
 */
export const CLD_CLIENT_TYPE = { serviceUser: 'Service user', unpaidCarer: 'Unpaid carer' } as const;

export const CLD_OUTCOME = {
  admittedToHospital: 'Admitted to hospital',
  progressToReablement: 'Progress to reablement/ST-Max',
  progressToAssessment: 'Progress to assessment, review or reassessment',
  progressToServices: 'Progress to support planning or services',
  continuation: 'Continuation of support or services',
  nfaNhs: 'NFA: Referral to NHS services or NHS funded social care',
  nfaSelfFunded: 'NFA: Self-funded client or under 12wk disregard',
  nfaInformation: 'NFA: Information and advice or signposting',
  nfaOtherService: 'NFA: Referral to other service within the local authority',
  nfaDeclined: 'NFA: Support declined',
  nfaDeceased: 'NFA: Deceased',
  nfaEndedAsPlanned: 'NFA: Support ended as planned',
  nfaEndedOther: 'NFA: Support ended for other reason',
  nfaNoServices: 'NFA: No services offered for other reason',
} as const;

export const CLD_SERVICE_TYPE = {
  nursing: 'Long term support: Nursing care',
  residential: 'Long term support: Residential care',
  community: 'Long term support: Community',
  stMax: 'Short term support: ST-Max',
  otherShortTerm: 'Short term support: Other short term',
  carerDirect: 'Unpaid carer support: Direct to unpaid carer',
} as const;

export const CLD_SERVICE_COMPONENT = {
  reablement: 'Reablement',
  homeSupport: 'Home support or domiciliary care',
  directPayment: 'Direct payment',
  daySupport: 'Day support',
  longTermResidential: 'Long term residential care',
  longTermNursing: 'Long term nursing care',
  shortTermResidential: 'Short term residential care',
  equipment: 'Equipment',
  carerRespite: 'Unpaid carer respite',
} as const;

export const CLD_DELIVERY_MECHANISM = {
  directPayment: 'Direct payment',
  managedBudget: 'CASSR managed personal budget',
  commissioned: 'CASSR commissioned support',
} as const;

export const CLD_ASSESSMENT_TYPE = { shortTerm: 'Short term assessment', longTerm: 'Long term assessment' } as const;
export const CLD_REVIEW_REASON = { shortTermSupport: 'Review of short term support' } as const;

export const CLD_SUPPORT_REASON = {
  personalCare: 'Physical Support: Personal care support',
  accessMobility: 'Physical support: Access and mobility only',
  memory: 'Support with memory and cognition',
  learningDisability: 'Learning disability support',
  mentalHealth: 'Mental health support',
  socialIsolation: 'Social support: Support for social isolation or other reason',
  unpaidCarer: 'Social support: Support to unpaid carer',
  visual: 'Sensory Support: Support for visual impairment',
} as const;

/** Where the support is given, as CLD Accommodation_Status (Release 2). */
export const CLD_ACCOMMODATION = {
  owner: 'Owner occupier or shared ownership scheme',
  socialTenant: 'Tenant: Local authority or other social housing provider',
  privateTenant: 'Tenant: Private landlord',
  withFamily: 'Settled mainstream housing with family or friends',
  sheltered: 'Sheltered housing, extra care housing or other sheltered housing',
  supported: 'Supported accommodation, supported lodgings or supported group home',
  careHome: 'Registered care home',
  nursingHome: 'Registered nursing home',
} as const;

export const CLD_COST_FREQUENCY = { hourly: 'Hourly', weekly: 'Weekly', perSession: 'Per session', oneOff: 'One-off' } as const;

/** Who pays, as Seamless records it on a service (see SocialCareEvent.funder). */
export const FUNDER = { council: 'Local authority', nhs: 'NHS', joint: 'Joint', self: 'Self-funded' } as const;

/** Unit costs in pence, [low, high] ranges drawn uniformly. */
export const SOCIAL_CARE_COSTS = {
  homeCareHourPence: [2_300, 2_800],
  reablementHourPence: [2_800, 3_300],
  residentialWeekPence: [75_000, 95_000],
  nursingWeekPence: [95_000, 118_000],
  directPaymentWeekPence: [20_000, 50_000],
  dayServiceSessionPence: [4_500, 6_500],
  respiteWeekPence: [80_000, 100_000],
  carerOneOffPence: [20_000, 50_000],
} as const;

/** Every CLD string this generator writes, by field, for the vocabulary test. */
export const CLD_VALUES_USED: Record<string, readonly string[]> = {
  Client_Type: Object.values(CLD_CLIENT_TYPE),
  Event_Outcome: Object.values(CLD_OUTCOME),
  Service_Type: Object.values(CLD_SERVICE_TYPE),
  Service_Component: Object.values(CLD_SERVICE_COMPONENT),
  Delivery_Mechanism: Object.values(CLD_DELIVERY_MECHANISM),
  Assessment_Type: Object.values(CLD_ASSESSMENT_TYPE),
  Review_Reason: Object.values(CLD_REVIEW_REASON),
  Primary_Support_Reason: Object.values(CLD_SUPPORT_REASON),
  Accommodation_Status: Object.values(CLD_ACCOMMODATION),
  Cost_Frequency_Unit_Type: Object.values(CLD_COST_FREQUENCY),
};
