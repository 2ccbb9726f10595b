/** GraphQL documents the directory tests share (not pasted into each test), with their results' shapes. */

export interface AgencyView {
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  regionCode: string;
  creditCode: string;
  indexPrefix: string;
  docPrefix: string | null;
  disclosureGuide: string | null;
  updatedAt: string;
  contact: { address: string; phone: string; email: string | null; website: string | null; officeHours: string };
  parent?: { code: string; name?: string } | null;
  children?: { code: string; name?: string }[];
}
export interface DueDateView { dueDate: { on: string; provisional: boolean } }

export const AGENCY_FIELDS = /* GraphQL */ `
  fragment AgencyFields on Agency {
    code name shortName kind regionCode creditCode indexPrefix docPrefix disclosureGuide updatedAt
    contact { address phone email website officeHours }
  }
`;

export const LIST_AGENCIES = /* GraphQL */ `
  query Agencies { agencies { ...AgencyFields parent { code } children { code } } }
  ${AGENCY_FIELDS}
`;
export const GET_AGENCY = /* GraphQL */ `
  query Agency($code: ID!) { agency(code: $code) { ...AgencyFields parent { code name } children { code name } } }
  ${AGENCY_FIELDS}
`;
export const UPDATE_PROFILE = /* GraphQL */ `
  mutation Update($code: ID!, $input: AgencyProfileInput!) { updateAgencyProfile(code: $code, input: $input) { ...AgencyFields } }
  ${AGENCY_FIELDS}
`;
export const RESOLVE_AGENCIES = /* GraphQL */ `
  query Resolve($representations: [_Any!]!) { _entities(representations: $representations) { ... on Agency { code name parent { code } } } }
`;
export const THEMES = /* GraphQL */ `
  query Themes { themes { code name } }
`;
export const DUE_DATE = /* GraphQL */ `
  query Due($from: Date!, $workingDays: Int!) { dueDate(from: $from, workingDays: $workingDays) { on provisional } }
`;
export const IS_WORKDAY = /* GraphQL */ `
  query Workday($date: Date!) { isWorkday(date: $date) }
`;
export const ARRANGEMENT_YEARS = /* GraphQL */ `
  query Years { holidayArrangementYears }
`;
export const LOAD_ARRANGEMENT = /* GraphQL */ `
  mutation Load($json: String!) { loadHolidayArrangement(json: $json) }
`;

export interface OfficialView { role: string; name: string; title: string; officePhone: string | null }
export const GET_OFFICIALS = /* GraphQL */ `
  query Officials($code: ID!) { agency(code: $code) { code updatedAt officials { role name title officePhone } } }
`;
export const LIST_OFFICIALS = /* GraphQL */ `
  query AllOfficials { agencies { code officials { role name } } }
`;
export const SET_OFFICIALS = /* GraphQL */ `
  mutation SetOfficials($code: ID!, $officials: [AgencyOfficialInput!]!) {
    setAgencyOfficials(code: $code, officials: $officials) { code updatedAt officials { role name title officePhone } }
  }
`;
