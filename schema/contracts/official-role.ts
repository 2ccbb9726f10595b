import { registerEnumType } from 'type-graphql';

/**
 * 责任人 — who answers for an agency's disclosure work, as the 2014 Fujian notice asks each agency
 * to name them: its head, the leader in charge, and the staff it designates. Shared by the
 * directory (the guide's list) and the agency contract (whom an accountability record names).
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
