import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkIdentityKindFor, checkIdentityNumber, normaliseIdentityNumber, type IdentityDocumentKind } from './identity-documents.ts';
import type { ApplicantType } from './applicants.ts';

const TODAY = '2026-12-07';

test('identity numbers are checked by the documented shape of their kind', () => {
  const cases: Array<[rule: string, kind: IdentityDocumentKind, number: string, problem: RegExp | undefined]> = [
    ['GB 11643: 17 digits and a correct MOD 11-2 check digit', '居民身份证', '431281199003071228', undefined],
    ['GB 11643: the check character may be X', '居民身份证', '11010519491231002X', undefined],
    ['GB 11643: a wrong check digit is refused', '居民身份证', '431281199003071226', /校验位不正确/],
    ['GB 11643: one transposed digit changes the check', '居民身份证', '431281199030071228', /出生日期|校验位/],
    ['GB 11643: 17 digits are too short', '居民身份证', '43128119900307122', /应为18位/],
    ['GB 11643: letters other than a final X are refused', '居民身份证', '43128119900307122A', /应为18位/],
    ['GB 11643: the 15-digit first-generation card is no longer valid', '居民身份证', '431281900307122', /第一代居民身份证/],
    ['GB/T 2260: the first two digits are a province', '居民身份证', '991281199003071228', /省级行政区划代码/],
    ['GB/T 2260: 810000/820000/830000 belong to the residence permit of Hong Kong, Macao and Taiwan residents', '居民身份证', '810000198506120024', /港澳台居民居住证/],
    ['plausible birth date: 30 February does not exist', '居民身份证', '431281199002300017', /不是有效日期/],
    ['plausible birth date: not after today', '居民身份证', '431281203001010017', /不合理/],
    ['plausible birth date: not before 1900', '居民身份证', '431281189901010014', /不合理/],
    ['GB 32100: a valid unified social credit code', '统一社会信用代码', '91430100MA4L00000F', undefined],
    ['GB 32100: a wrong check character is refused', '统一社会信用代码', '91430100MA4L000000', /校验位不正确/],
    ['GB 32100: 18 characters', '统一社会信用代码', '91430100MA4L0000', /18位/],
    ['护照: Chinese ordinary passport E + 8 digits', '护照', 'E12345678', undefined],
    ['护照: Chinese ordinary passport since 2017, E + letter + 7 digits', '护照', 'EA1234567', undefined],
    ['护照: a foreign passport number (ICAO 9303 letters and digits)', '护照', 'X1234567', undefined],
    ['护照: punctuation is no passport number', '护照', 'E1234/5678', /5至17位字母和数字/],
    ['护照: letters only is no passport number', '护照', 'PASSPORT', /5至17位字母和数字/],
    ['回乡证: H + 8 digits', '港澳居民来往内地通行证', 'H12345678', undefined],
    ['回乡证: M + 10 digits on the old booklet', '港澳居民来往内地通行证', 'M1234567801', undefined],
    ['回乡证: other letters are refused', '港澳居民来往内地通行证', 'C12345678', /H或M加8位数字/],
    ['台胞证: 8 digits', '台湾居民来往大陆通行证', '01234567', undefined],
    ['台胞证: 10 digits on the old booklet', '台湾居民来往大陆通行证', '0123456701', undefined],
    ['台胞证: 9 digits are refused', '台湾居民来往大陆通行证', '012345678', /8位数字/],
    ['港澳台居民居住证: 830000 address code and GB 11643 check', '港澳台居民居住证', '810000198506120024', undefined],
    ['港澳台居民居住证: a mainland address code is refused', '港澳台居民居住证', '431281199003071228', /810000/],
    ['港澳台居民居住证: the check digit is checked', '港澳台居民居住证', '810000198506120025', /校验位不正确/],
    ['外国人永久居留身份证 2023: 18 digits from 9 with GB 11643 check', '外国人永久居留身份证', '932010198001010016', undefined],
    ['外国人永久居留身份证 2023: wrong check digit', '外国人永久居留身份证', '932010198001010017', /校验位不正确/],
    ['外国人永久居留身份证 2017: 3 letters + 12 digits', '外国人永久居留身份证', 'USA110080010101', undefined],
    ['外国人永久居留身份证: other shapes are refused', '外国人永久居留身份证', 'US1100800101', /18位/],
    ['其他证件: any number of at least two characters', '其他证件', 'No.2019-88', undefined],
    ['其他证件: one character is not a number', '其他证件', '1', /完整/],
  ];
  for (const [rule, kind, number, problem] of cases) {
    const result = checkIdentityNumber(kind, number, TODAY);
    if (problem === undefined) assert.equal(result, undefined, rule);
    else assert.match(result ?? '', problem, rule);
  }
});

test('identity numbers are normalised before checking: full-width, spaces, hyphens, lower-case x', () => {
  const cases: Array<[rule: string, input: string, expected: string]> = [
    ['full-width digits', '４３１２８１１９９００３０７１２２８', '431281199003071228'],
    ['spaces between groups', '431281 19900307 1228', '431281199003071228'],
    ['lower-case check character', '11010519491231002x', '11010519491231002X'],
    ['hyphens', 'E-1234-5678', 'E12345678'],
  ];
  for (const [rule, input, expected] of cases) assert.equal(normaliseIdentityNumber(input), expected, rule);
});

test('the kind of document fits the applicant: a person’s document for a person, the credit code for an organisation', () => {
  const cases: Array<[rule: string, type: ApplicantType, kind: IdentityDocumentKind, refused: boolean]> = [
    ['a person with an ID card', 'natural_person', '居民身份证', false],
    ['a person with a passport', 'natural_person', '护照', false],
    ['a person cannot prove identity with a credit code', 'natural_person', '统一社会信用代码', true],
    ['an enterprise with its credit code', 'commercial_enterprise', '统一社会信用代码', false],
    ['an organisation cannot prove its identity with a person’s ID card', 'legal_service_provider', '居民身份证', true],
    ['其他证件 fits an organisation without a credit code', 'other_organisation', '其他证件', false],
    ['其他证件 fits a person', 'natural_person', '其他证件', false],
  ];
  for (const [rule, type, kind, refused] of cases) assert.equal(checkIdentityKindFor(type, kind) !== undefined, refused, rule);
});
