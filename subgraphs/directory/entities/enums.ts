import { registerEnumType } from 'type-graphql';

/** 机关类别 — where an agency sits in the provincial hierarchy. */
export enum AgencyKind {
  PROVINCIAL_GOVERNMENT = 'PROVINCIAL_GOVERNMENT',
  PROVINCIAL_DEPARTMENT = 'PROVINCIAL_DEPARTMENT',
  CITY_GOVERNMENT = 'CITY_GOVERNMENT',
  COUNTY_GOVERNMENT = 'COUNTY_GOVERNMENT',
  OTHER = 'OTHER',
}

registerEnumType(AgencyKind, {
  name: 'AgencyKind',
  description: '机关类别 / Kind of agency',
  valuesConfig: {
    PROVINCIAL_GOVERNMENT: { description: '省人民政府（办公厅）/ The provincial government (its general office)' },
    PROVINCIAL_DEPARTMENT: { description: '省直部门 / A provincial department' },
    CITY_GOVERNMENT: { description: '设区市人民政府 / A city government' },
    COUNTY_GOVERNMENT: { description: '县（市、区）人民政府 / A county or district government' },
    OTHER: { description: '其他机关或单位 / Another public body' },
  },
});

