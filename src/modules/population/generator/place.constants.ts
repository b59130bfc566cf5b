/**
 * The synthetic place: County Durham's age structure (ONS mid-2020, E06000047), five localities drawn
 * on its former districts with their real postcode districts, and partner organisations named in its
 * style. The people, practices, homes and staff are invented; codes are shaped like the real ones
 * (ODS practice codes in the North East 'A83' range, LSOA-shaped 'E01' codes) without claiming to be
 * them.
 */
export const PLACE_AREA_CODE = 'E06000047';
export const PLACE_AREA_NAME = 'County Durham';

export interface LocalityDefinition {
  code: string;
  name: string;
  /** Share of the place's population. */
  share: number;
  /** Outward codes of the postcode districts the locality covers. */
  outwardCodes: readonly string[];
  /** Relative ill-health (1 = place average): the east of the county is more deprived than the dales. */
  needFactor: number;
  town: string;
}

export const LOCALITIES: readonly LocalityDefinition[] = [
  { code: 'DCLS', name: 'Durham and Chester-le-Street', share: 0.27, outwardCodes: ['DH1', 'DH2', 'DH3', 'DH7'], needFactor: 0.9, town: 'Durham' },
  { code: 'DERW', name: 'Derwentside', share: 0.17, outwardCodes: ['DH8', 'DH9'], needFactor: 1.05, town: 'Stanley' },
  { code: 'EASI', name: 'Easington', share: 0.18, outwardCodes: ['SR7', 'SR8', 'DH6', 'TS27'], needFactor: 1.2, town: 'Peterlee' },
  { code: 'SEDG', name: 'Sedgefield', share: 0.17, outwardCodes: ['DL4', 'DL5', 'DL16', 'TS21'], needFactor: 1.05, town: 'Newton Aycliffe' },
  { code: 'DALE', name: 'Durham Dales', share: 0.21, outwardCodes: ['DL12', 'DL13', 'DL14', 'DL15'], needFactor: 0.95, town: 'Bishop Auckland' },
];

/** People per LSOA (ONS LSOAs hold 1,000–3,000 residents; about 1,600 on average). */
export const PEOPLE_PER_LSOA = 1_600;
/** People per GP practice: England averages about 9,000 registered patients per practice. */
export const PEOPLE_PER_PRACTICE = 8_000;
/** People aged 65+ per care home and per home-care agency (England: ~11,000 homes, ~11m people 65+). */
export const OLDER_PEOPLE_PER_CARE_HOME = 900;
export const OLDER_PEOPLE_PER_HOME_CARE_AGENCY = 2_500;

/** Letters an inward postcode may use (Royal Mail: no C, I, K, M, O or V). */
export const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export const PRACTICE_NAME_STYLES = ['Medical Group', 'Health Centre', 'Surgery', 'Medical Practice', 'Family Practice'] as const;
export const PRACTICE_NAME_PLACES = [
  'Claypath', 'Gilesgate', 'Framwellgate', 'Pelton', 'Sacriston', 'Annfield Plain', 'Lanchester', 'Blackhall', 'Horden', 'Murton',
  'Wingate', 'Ferryhill', 'Shildon', 'Chilton', 'Tow Law', 'Middleton', 'Willington', 'Crook', 'Evenwood', 'Cockfield', 'Esh Winning',
  'Bowburn', 'Coxhoe', 'Sherburn', 'Brandon', 'Ushaw Moor', 'Burnopfield', 'Dipton', 'Leadgate', 'Delves Lane', 'Easington Colliery',
  'Trimdon', 'Fishburn', 'Sedgefield', 'Cornforth', 'Witton Park', 'Etherley', 'Staindrop', 'Startforth', 'Wolsingham',
] as const;

export const CARE_HOME_NAMES = [
  'Oakwood', 'Beech House', 'Willow Court', 'Riverside', 'Hillcrest', 'Meadowview', 'The Elms', 'Castle View', 'Priory Court', 'St Cuthbert',
  'Bede House', 'Aldin Grange', 'Wear View', 'Heather Lodge', 'Rowan Court', 'Larchfield', 'Fernbank', 'Cedar Lodge', 'Moorside', 'Ashgrove',
] as const;

export const VOLUNTARY_ORGANISATIONS = [
  'Durham Age Concern', 'Carers Together Durham', 'Wear Valley Good Neighbours', 'Durham Community Transport', 'East Durham Befriending Trust',
  'Dales Community Links', 'Derwentside Mind', 'Chester-le-Street Dementia Friends',
] as const;

/**
 * Given names by birth cohort and sex, in the style of the ONS baby-name rankings of each era
 * (1930s–40s, 1950s–70s, 1980s onward); family names are among the most common in England and
 * Wales (ONS) with some of the North East.
 */
export const GIVEN_NAMES = {
  female: [
    ['Margaret', 'Joan', 'Dorothy', 'Mary', 'Patricia', 'Jean', 'Betty', 'Doreen', 'Irene', 'Sheila', 'Brenda', 'Barbara', 'Joyce',
      'Elizabeth', 'Audrey', 'Eileen', 'Sylvia', 'Maureen', 'Edna', 'Kathleen', 'Valerie', 'Shirley', 'Pauline', 'Iris'],
    ['Susan', 'Linda', 'Christine', 'Karen', 'Julie', 'Sarah', 'Deborah', 'Alison', 'Tracey', 'Lisa', 'Jacqueline', 'Helen', 'Gillian',
      'Angela', 'Janet', 'Catherine', 'Amanda', 'Nicola', 'Joanne', 'Claire', 'Elaine', 'Lorraine', 'Wendy', 'Carol'],
    ['Emma', 'Sarah', 'Laura', 'Rebecca', 'Jessica', 'Hannah', 'Amy', 'Sophie', 'Chloe', 'Lauren', 'Charlotte', 'Emily', 'Olivia',
      'Amelia', 'Isla', 'Ava', 'Grace', 'Lily', 'Ella', 'Mia', 'Freya', 'Poppy', 'Megan', 'Holly'],
  ],
  male: [
    ['John', 'William', 'George', 'Robert', 'James', 'Thomas', 'Kenneth', 'Ronald', 'Peter', 'David', 'Alan', 'Brian', 'Dennis',
      'Frederick', 'Arthur', 'Eric', 'Harold', 'Stanley', 'Norman', 'Raymond', 'Albert', 'Derek', 'Michael', 'Leslie'],
    ['David', 'Paul', 'Andrew', 'Mark', 'Stephen', 'Ian', 'Michael', 'Gary', 'Steven', 'Richard', 'Peter', 'Christopher', 'Kevin',
      'Anthony', 'Neil', 'Martin', 'Graham', 'Philip', 'Simon', 'Darren', 'Colin', 'Keith', 'Robert', 'John'],
    ['James', 'Daniel', 'Thomas', 'Matthew', 'Christopher', 'Michael', 'Jack', 'Joshua', 'Ryan', 'Luke', 'Liam', 'Adam', 'Oliver',
      'Harry', 'George', 'Noah', 'Leo', 'Charlie', 'Jacob', 'Alfie', 'Oscar', 'Samuel', 'Ethan', 'Callum'],
  ],
} as const;

export const FAMILY_NAMES = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson', 'Thompson',
  'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner',
  'Martin', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James', 'Scott',
  'Phillips', 'Watson', 'Davis', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson',
  'Bailey', 'Collins', 'Bell', 'Shaw', 'Murphy', 'Miller', 'Cox', 'Richards', 'Khan', 'Marshall', 'Anderson', 'Simpson', 'Ellis', 'Adams',
  'Singh', 'Wilkinson', 'Foster', 'Chapman', 'Powell', 'Webb', 'Rogers', 'Gray', 'Mason', 'Ali', 'Hunt', 'Campbell', 'Matthews', 'Owen',
  'Palmer', 'Holmes', 'Mills', 'Barnes', 'Knight', 'Lloyd', 'Butler', 'Russell', 'Barker', 'Fisher', 'Stevens', 'Jenkins', 'Murray',
  'Dixon', 'Harvey', 'Robson', 'Armstrong', 'Charlton', 'Dodds', 'Elliott', 'Milburn', 'Heslop', 'Bainbridge', 'Hodgson', 'Pattinson',
] as const;
