import { addDays } from '../../../kernel/dates.ts';
import type { AgreementInput, Organisation } from '../../governance/index.ts';

/**
 * The synthetic place's data sharing agreements, so that a freshly generated place works as a real
 * one would: partners share for direct care under one agreement, the voluntary and care sector under
 * a narrower one (ending soon, so the register shows an expiry warning), and the ICB and council
 * receive data for planning. Legal bases as a place's IG leads would write them.
 */
const DIRECT_CARE_BASIS = 'UK GDPR Art. 6(1)(e) public task and Art. 9(2)(h) health and social care; common law duty of confidentiality met by implied consent for direct care';
const PLANNING_BASIS = 'UK GDPR Art. 6(1)(e) and Art. 9(2)(h) and (i); NHS Act 2006 s.251 support for planning; national data opt-out applied';

export function generatePlaceAgreements(organisations: readonly Organisation[], today: string): AgreementInput[] {
  const codesOf = (...types: Organisation['type'][]) => organisations.filter((o) => types.includes(o.type)).map((o) => o.code);
  const statutory = codesOf('council', 'icb', 'acute_trust', 'community_trust', 'mental_health_trust', 'ambulance_trust', 'gp_practice');
  return [
    {
      title: 'Place integrated care: direct care information sharing agreement',
      legalBasis: DIRECT_CARE_BASIS,
      purposes: ['direct_care'],
      dataCategories: ['demographics', 'primary_care', 'acute', 'community', 'mental_health', 'urgent_care', 'social_care', 'safeguarding'],
      startDate: addDays(today, -3 * 365), endDate: addDays(today, 2 * 365), parties: statutory,
    },
    {
      title: 'Voluntary and care sector partners: direct care sharing',
      legalBasis: DIRECT_CARE_BASIS,
      purposes: ['direct_care'],
      dataCategories: ['demographics', 'community', 'social_care'],
      startDate: addDays(today, -345), endDate: addDays(today, 20),
      parties: [...codesOf('council', 'community_trust'), ...codesOf('voluntary_organisation', 'care_provider')],
    },
    {
      title: 'Population health management: planning data agreement',
      legalBasis: PLANNING_BASIS,
      purposes: ['planning'],
      dataCategories: ['demographics', 'primary_care', 'acute', 'community', 'mental_health', 'urgent_care', 'social_care'],
      startDate: addDays(today, -2 * 365), endDate: addDays(today, 3 * 365), parties: statutory,
    },
  ];
}
