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

/**
 * 责任人 — who answers for an agency's disclosure work, as the 2014 Fujian notice asks each agency
 * to name them: its head, the leader in charge, and the staff it designates.
 */
export enum OfficialRole {
  PRINCIPAL = 'PRINCIPAL',
  IN_CHARGE = 'IN_CHARGE',
  DESIGNATED = 'DESIGNATED',
}

registerEnumType(OfficialRole, {
  name: 'OfficialRole',
  description: '政务公开责任人的职责 / What a named official answers for in the agency\'s disclosure work',
  valuesConfig: {
    PRINCIPAL: { description: '主要负责同志：对本机关政务公开负总责 / The agency\'s head, with overall responsibility' },
    IN_CHARGE: { description: '分管负责人：具体分管政务公开工作 / The leader in charge of disclosure work' },
    DESIGNATED: { description: '专人：指定承办政务公开的工作人员 / Staff designated to carry out disclosure work' },
  },
});
