import type { Organisation, Staff, StaffRole, Team } from '../../governance/index.ts';
import { Random } from './random.util.ts';
import {
  CARE_HOME_NAMES, FAMILY_NAMES, GIVEN_NAMES, INWARD_LETTERS, LOCALITIES, OLDER_PEOPLE_PER_CARE_HOME, OLDER_PEOPLE_PER_HOME_CARE_AGENCY,
  PEOPLE_PER_LSOA, PEOPLE_PER_PRACTICE, PLACE_AREA_CODE, PLACE_AREA_NAME, PRACTICE_NAME_PLACES, PRACTICE_NAME_STYLES, VOLUNTARY_ORGANISATIONS,
  type LocalityDefinition,
} from './place.constants.ts';

/**
 * The partners of the synthetic place and its geography: localities with LSOA-shaped areas and
 * postcodes, GP practices (about one per 8,000 people), care homes and home-care agencies in
 * proportion to the older population, the council, the ICB, four NHS trusts, voluntary
 * organisations, and the teams and staff that work across them. Deterministic from (people, seed).
 */
export interface PlaceLsoa { code: string; outwardCode: string; sector: number }

export interface PlacePractice { code: string; name: string; localityCode: string; postcode: string }

export interface PlaceCareHome { code: string; name: string; kind: 'residential' | 'nursing'; localityCode: string; lsoa: PlaceLsoa; postcode: string }

export interface PlaceLocality extends LocalityDefinition {
  lsoas: PlaceLsoa[];
  practices: PlacePractice[];
  careHomes: PlaceCareHome[];
}

/** Team codes by purpose, for the care relationships people are given. */
export interface PlaceTeams {
  singlePointOfAccess: string;
  reablement: string;
  hospitalDischarge: string;
  socialPrescribing: string;
  olderPeoplesMentalHealth: string;
  commissioning: string;
  neighbourhood: Record<string, string>;
  socialWork: Record<string, string>;
  districtNursing: Record<string, string>;
  communityMentalHealth: Record<string, string>;
}

export interface PlaceModel {
  areaCode: string;
  areaName: string;
  localities: PlaceLocality[];
  /** Cumulative population shares of the localities, for drawing a person's locality. */
  localityCumulative: number[];
  organisations: Organisation[];
  teams: Team[];
  staff: Staff[];
  teamCodes: PlaceTeams;
  /** Staff ids of each team by role, for naming a key worker. */
  staffByTeamRole: Map<string, string[]>;
  codes: { council: string; icb: string; acute: string; community: string; mentalHealth: string; ambulance: string };
  careHomes: PlaceCareHome[];
}

export interface PlaceReference {
  localities: { code: string; name: string }[];
  organisations: Organisation[];
  teams: Team[];
  staff: Staff[];
}

const PLACE_STREAM = 0x7fff_0001;

export function buildPlaceModel(people: number, seed: number): PlaceModel {
  const rng = new Random(seed, PLACE_STREAM);
  const codes = { council: PLACE_AREA_CODE, icb: 'Q99', acute: 'R9A', community: 'R9B', mentalHealth: 'R9C', ambulance: 'R9D' };
  const organisations: Organisation[] = [
    { code: codes.council, name: 'Durham County Council', type: 'council', postcode: 'DH1 5UQ' },
    { code: codes.icb, name: 'NHS County Durham Integrated Care Board', type: 'icb', postcode: 'DH1 5XT' },
    { code: codes.acute, name: 'Durham Valley Hospitals NHS Foundation Trust', type: 'acute_trust', postcode: 'DH1 5TW' },
    { code: codes.community, name: 'Durham Community Health NHS Trust', type: 'community_trust', postcode: 'DH1 1TA' },
    { code: codes.mentalHealth, name: 'Durham and Tees Mental Health NHS Foundation Trust', type: 'mental_health_trust', postcode: 'DL3 6AR' },
    { code: codes.ambulance, name: 'Northern Ambulance Service NHS Foundation Trust', type: 'ambulance_trust', postcode: 'NE15 8NY' },
  ];

  // Geography: LSOAs per locality in proportion to its people, each in one of its postcode districts.
  let lsoaNumber = 0;
  const localities: PlaceLocality[] = LOCALITIES.map((def) => {
    const count = Math.max(1, Math.round((people * def.share) / PEOPLE_PER_LSOA));
    const lsoas: PlaceLsoa[] = [];
    for (let i = 0; i < count; i++) {
      lsoas.push({ code: `E01${String(20_000 + lsoaNumber++).padStart(6, '0')}`, outwardCode: def.outwardCodes[i % def.outwardCodes.length]!, sector: 1 + rng.int(9) });
    }
    return { ...def, lsoas, practices: [], careHomes: [] };
  });
  const localityCumulative: number[] = [];
  let cumulative = 0;
  for (const l of localities) localityCumulative.push((cumulative += l.share));

  const postcodeIn = (lsoa: PlaceLsoa) =>
    `${lsoa.outwardCode} ${lsoa.sector}${INWARD_LETTERS[rng.int(INWARD_LETTERS.length)]}${INWARD_LETTERS[rng.int(INWARD_LETTERS.length)]}`;

  // GP practices: at least one per locality, otherwise in proportion to population.
  const practiceCounts = apportion(Math.max(localities.length, Math.round(people / PEOPLE_PER_PRACTICE)), localities.map((l) => l.share));
  const usedNames = new Set<string>();
  let practiceNumber = 0;
  localities.forEach((locality, i) => {
    for (let k = 0; k < practiceCounts[i]!; k++) {
      const code = `A${83_001 + practiceNumber++}`;
      let name = `${rng.pick(PRACTICE_NAME_PLACES)} ${rng.pick(PRACTICE_NAME_STYLES)}`;
      if (usedNames.has(name)) name = `${name} (${locality.town})`;
      if (usedNames.has(name)) name = `${name} ${practiceNumber}`;
      usedNames.add(name);
      const practice: PlacePractice = { code, name, localityCode: locality.code, postcode: postcodeIn(rng.pick(locality.lsoas)) };
      locality.practices.push(practice);
      organisations.push({ code, name, type: 'gp_practice', localityCode: locality.code, postcode: practice.postcode });
    }
  });

  // Care homes and home-care agencies in proportion to the people aged 65 and over (about a fifth).
  const older = people * 0.21;
  const homeCounts = apportion(Math.max(2, Math.round(older / OLDER_PEOPLE_PER_CARE_HOME)), localities.map((l) => l.share));
  const careHomes: PlaceCareHome[] = [];
  localities.forEach((locality, i) => {
    for (let k = 0; k < homeCounts[i]!; k++) {
      const n = careHomes.length;
      const kind = n % 5 === 1 || n % 5 === 3 ? 'nursing' : 'residential';
      const base = CARE_HOME_NAMES[n % CARE_HOME_NAMES.length]!;
      const name = `${base}${n >= CARE_HOME_NAMES.length ? ` ${locality.town}` : ''} ${kind === 'nursing' ? 'Nursing Home' : 'Care Home'}${n >= 2 * CARE_HOME_NAMES.length ? ` ${n}` : ''}`;
      const lsoa = rng.pick(locality.lsoas);
      const home: PlaceCareHome = { code: `VCH${String(n + 1).padStart(3, '0')}`, name, kind, localityCode: locality.code, lsoa, postcode: postcodeIn(lsoa) };
      careHomes.push(home);
      locality.careHomes.push(home);
      organisations.push({ code: home.code, name: home.name, type: 'care_provider', localityCode: locality.code, postcode: home.postcode });
    }
  });
  const agencies = Math.max(1, Math.round(older / OLDER_PEOPLE_PER_HOME_CARE_AGENCY));
  for (let n = 0; n < agencies; n++) {
    const locality = localities[n % localities.length]!;
    organisations.push({
      code: `VHC${String(n + 1).padStart(3, '0')}`, name: `${locality.town} Home Care Services${n >= localities.length ? ` ${Math.floor(n / localities.length) + 1}` : ''}`,
      type: 'care_provider', localityCode: locality.code, postcode: postcodeIn(rng.pick(locality.lsoas)),
    });
  }
  const voluntary = VOLUNTARY_ORGANISATIONS.slice(0, Math.min(VOLUNTARY_ORGANISATIONS.length, 3 + Math.floor(people / 20_000)));
  voluntary.forEach((name, n) => {
    const locality = localities[n % localities.length]!;
    organisations.push({ code: `VCS${String(n + 1).padStart(2, '0')}`, name, type: 'voluntary_organisation', localityCode: locality.code, postcode: postcodeIn(rng.pick(locality.lsoas)) });
  });
  const lead = 'VCS01';

  // Teams, some spanning organisations, and the staff in them (employer distinct from team).
  const teams: Team[] = [];
  const staff: Staff[] = [];
  const staffByTeamRole = new Map<string, string[]>();
  const addTeam = (team: Team) => { teams.push(team); return team.code; };
  const addStaff = (teamCode: string, employer: string, role: StaffRole, count: number) => {
    for (let k = 0; k < Math.max(1, Math.round(count)); k++) {
      const female = rng.chance(0.75);
      const id = `STF${String(staff.length + 1).padStart(5, '0')}`;
      staff.push({
        id, givenName: rng.pick(GIVEN_NAMES[female ? 'female' : 'male'][1 + rng.int(2)]!), familyName: rng.pick(FAMILY_NAMES),
        employerOrgCode: employer, role, teamCodes: [teamCode],
      });
      const key = `${teamCode}|${role}`;
      const list = staffByTeamRole.get(key);
      if (list) list.push(id);
      else staffByTeamRole.set(key, [id]);
    }
  };

  const spa = addTeam({ code: 'T-SPA', name: 'Single Point of Access', hostOrgCode: codes.community, service: 'single_point_of_access' });
  addStaff(spa, codes.community, 'spa_call_handler', Math.max(2, people / 15_000));
  addStaff(spa, codes.community, 'triage_clinician', Math.max(1, people / 25_000));
  addStaff(spa, codes.council, 'social_worker', Math.max(1, people / 50_000));
  const reablement = addTeam({ code: 'T-REABLE', name: 'Reablement Service', hostOrgCode: codes.council, service: 'reablement' });
  addStaff(reablement, codes.council, 'occupational_therapist', Math.max(1, people / 20_000));
  addStaff(reablement, codes.council, 'care_coordinator', Math.max(1, people / 25_000));
  addStaff(reablement, codes.community, 'community_nurse', Math.max(1, people / 50_000));
  const discharge = addTeam({ code: 'T-DISCHARGE', name: 'Integrated Hospital Discharge Team', hostOrgCode: codes.acute, service: 'hospital_discharge' });
  addStaff(discharge, codes.council, 'social_worker', Math.max(1, people / 30_000));
  addStaff(discharge, codes.acute, 'care_coordinator', Math.max(1, people / 40_000));
  const socialPrescribing = addTeam({ code: 'T-SOCPRESC', name: 'Social Prescribing Service', hostOrgCode: lead, service: 'social_prescribing' });
  addStaff(socialPrescribing, lead, 'link_worker', Math.max(1, people / 15_000));
  const opmh = addTeam({ code: 'T-OPMH', name: "Older People's Mental Health and Memory Service", hostOrgCode: codes.mentalHealth, service: 'older_peoples_mental_health' });
  addStaff(opmh, codes.mentalHealth, 'community_nurse', Math.max(1, people / 30_000));
  addStaff(opmh, codes.council, 'social_worker', 1);
  const commissioning = addTeam({ code: 'T-JCU', name: 'Joint Commissioning Unit', hostOrgCode: codes.council, service: 'commissioning' });
  addStaff(commissioning, codes.council, 'commissioner', 2);
  addStaff(commissioning, codes.icb, 'commissioner', 2);
  addStaff(commissioning, codes.icb, 'analyst', 1);
  addStaff(commissioning, codes.council, 'ig_lead', 1);
  addStaff(commissioning, codes.icb, 'ig_lead', 1);

  const neighbourhood: Record<string, string> = {};
  const socialWork: Record<string, string> = {};
  const districtNursing: Record<string, string> = {};
  const communityMentalHealth: Record<string, string> = {};
  for (const locality of localities) {
    const pop = people * locality.share;
    const int = addTeam({ code: `T-INT-${locality.code}`, name: `${locality.name} Integrated Neighbourhood Team`, hostOrgCode: codes.community, service: 'integrated_neighbourhood_team', localityCode: locality.code });
    neighbourhood[locality.code] = int;
    for (const practice of locality.practices) addStaff(int, practice.code, 'gp', 1);
    addStaff(int, codes.community, 'care_coordinator', Math.max(1, pop / 15_000));
    addStaff(int, codes.community, 'community_nurse', Math.max(1, pop / 10_000));
    addStaff(int, codes.council, 'social_worker', Math.max(1, pop / 15_000));
    addStaff(int, codes.council, 'occupational_therapist', 1);
    addStaff(int, lead, 'link_worker', 1);
    socialWork[locality.code] = addTeam({ code: `T-ASW-${locality.code}`, name: `${locality.name} Adult Social Work Team`, hostOrgCode: codes.council, service: 'social_work', localityCode: locality.code });
    addStaff(socialWork[locality.code]!, codes.council, 'social_worker', Math.max(2, pop / 5_000));
    addStaff(socialWork[locality.code]!, codes.council, 'administrator', 1);
    districtNursing[locality.code] = addTeam({ code: `T-DN-${locality.code}`, name: `${locality.name} District Nursing`, hostOrgCode: codes.community, service: 'district_nursing', localityCode: locality.code });
    addStaff(districtNursing[locality.code]!, codes.community, 'community_nurse', Math.max(2, pop / 4_000));
    communityMentalHealth[locality.code] = addTeam({ code: `T-CMHT-${locality.code}`, name: `${locality.name} Community Mental Health Team`, hostOrgCode: codes.mentalHealth, service: 'community_mental_health', localityCode: locality.code });
    addStaff(communityMentalHealth[locality.code]!, codes.mentalHealth, 'community_nurse', Math.max(1, pop / 10_000));
    addStaff(communityMentalHealth[locality.code]!, codes.council, 'social_worker', 1);
  }
  // A few people work in two teams, as they do: INT social workers also sit in their locality's social work team.
  for (const s of staff) {
    const locality = localities.find((l) => s.teamCodes[0] === neighbourhood[l.code]);
    if (locality && s.role === 'social_worker') s.teamCodes.push(socialWork[locality.code]!);
  }

  return {
    areaCode: PLACE_AREA_CODE, areaName: PLACE_AREA_NAME, localities, localityCumulative, organisations, teams, staff,
    teamCodes: { singlePointOfAccess: spa, reablement, hospitalDischarge: discharge, socialPrescribing, olderPeoplesMentalHealth: opmh, commissioning, neighbourhood, socialWork, districtNursing, communityMentalHealth },
    staffByTeamRole, codes, careHomes,
  };
}

/** Splits total into whole parts in proportion to shares (largest remainder), never leaving a share at 0. */
function apportion(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (total * s) / sum);
  const parts = exact.map((x) => Math.max(1, Math.floor(x)));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0 && k < order.length; k++, left--) parts[order[k]![1]]! += 1;
  return parts;
}

export function toPlaceReference(model: PlaceModel): PlaceReference {
  return {
    localities: model.localities.map((l) => ({ code: l.code, name: l.name })),
    organisations: model.organisations,
    teams: model.teams,
    staff: model.staff,
  };
}

/** A staff id of the team in one of the roles, picked with the person's generator; undefined when none. */
export function pickKeyWorker(model: PlaceModel, rng: Random, teamCode: string, roles: readonly StaffRole[]): string | undefined {
  for (const role of roles) {
    const list = model.staffByTeamRole.get(`${teamCode}|${role}`);
    if (list && list.length > 0) return list[rng.int(list.length)];
  }
  return undefined;
}

