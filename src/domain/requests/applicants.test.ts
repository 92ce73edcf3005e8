import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APPLICANT_TYPES, APPLICANT_TYPE_LABELS, applicantKindOf, isApplicantType, tallyByApplicantType } from './applicants.ts';

test('表三 columns: 自然人 + 法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）, no 小计 column', () => {
  assert.deepEqual(APPLICANT_TYPES.map((t) => APPLICANT_TYPE_LABELS[t]), ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
  assert.equal(applicantKindOf('natural_person'), 'natural_person');
  assert.equal(applicantKindOf('legal_service_provider'), 'legal_person_or_other_organisation');
  assert.equal(isApplicantType('individual'), false);
});

test('表三 rule 3 (推导): 总计 = the sum of the six applicant columns', () => {
  const row = tallyByApplicantType(['natural_person', 'natural_person', 'commercial_enterprise', 'other_organisation']);
  assert.equal(row.natural_person, 2);
  assert.equal(row.commercial_enterprise, 1);
  assert.equal(row.research_institution, 0);
  assert.equal(row.total, 4);
});
