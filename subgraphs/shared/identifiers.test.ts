import {
  creditCodeCheckChar, creditCodeProblem, isValidCreditCode, isValidResidentId, maskPersonName, maskResidentId,
  normalizeDocNumber, organisationCodeCheckChar, residentIdCheckChar, residentIdProblem,
} from './identifiers';

/** A resident id with `birth` ("YYYYMMDD") and a correct check digit. */
const idBornOn = (birth: string) => `350102${birth}123` + residentIdCheckChar(`350102${birth}123`);
/** A credit code around an organisation code, with a correct GB 32100 check character. */
const creditCodeWith = (organisation9: string) => `91350100${organisation9}` + creditCodeCheckChar(`91350100${organisation9}`);

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts real codes and rejects a wrong check character', () => {
    // 91350000158142711F is a published code of a Fujian enterprise (福建省电力有限公司).
    expect(isValidCreditCode('91350000158142711F')).toBe(true);
    expect(isValidCreditCode('91350000158142711G')).toBe(false);
    expect(isValidCreditCode('9135000015814271')).toBe(false);
    expect(isValidCreditCode('91350000158142711I')).toBe(false);
  });
  it('computes the check character', () => {
    expect(creditCodeCheckChar('91350000158142711')).toBe('F');
  });
});

describe('issue 9 finding 9: the organisation code inside a credit code (GB 11714-1997)', () => {
  it('computes the check character of digits and of the letters assigned since 2015', () => {
    // 15814271-1 is the organisation code inside 91350000158142711F.
    expect(organisationCodeCheckChar('15814271')).toBe('1');
    expect(organisationCodeCheckChar('00000000')).toBe('0');
    // M = 22, A = 10: 3·22 + 7·10 + 9·3 + 10·1 + 5·2 + 8·3 + 4·4 + 2·5 = 233, 233 mod 11 = 2, 11 − 2 = 9.
    expect(organisationCodeCheckChar('MA312345')).toBe('9');
  });

  it('refuses a credit code whose GB 32100 check passes but whose organisation code does not', () => {
    const good = creditCodeWith('MA3123459');
    const bad = creditCodeWith('MA3123458');
    expect(isValidCreditCode(good)).toBe(true);
    expect(isValidCreditCode(bad)).toBe(false);
    expect(creditCodeProblem(bad)?.zh).toContain('GB 11714');
    expect(creditCodeProblem(bad)?.en).toContain('characters 9–17');
  });
});

describe('resident identity number (GB 11643)', () => {
  it('validates check digit and birth date', () => {
    const first17 = '35010219900101123';
    const id = first17 + residentIdCheckChar(first17);
    expect(isValidResidentId(id)).toBe(true);
    expect(isValidResidentId(id.slice(0, 17) + (id[17] === '0' ? '1' : '0'))).toBe(false);
    const badDate = '35010219900230123';
    expect(isValidResidentId(badDate + residentIdCheckChar(badDate))).toBe(false);
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true);
  });
});

describe('issue 9 finding 9: a resident id\'s birth date is a real day between 1900 and today', () => {
  const today = '2026-11-27';
  it.each([
    ['tomorrow', '20261128'], ['next year', '20270101'], ['before 1900', '18991231'], ['30 February', '19900230'], ['month 13', '19901301'],
  ])('refuses a birth date %s', (_when, birth) => {
    const problem = residentIdProblem(idBornOn(birth), today);
    expect(problem?.zh).toMatch(/出生日期/);
    expect(problem?.en).toMatch(/birth date/);
    expect(isValidResidentId(idBornOn(birth), today)).toBe(false);
  });
  it('accepts today and 1900-01-01', () => {
    expect(residentIdProblem(idBornOn('20261127'), today)).toBeNull();
    expect(residentIdProblem(idBornOn('19000101'), today)).toBeNull();
  });
});

describe('issue 9 finding 7: masks have a fixed width', () => {
  it.each([['王五'], ['张三丰'], ['欧阳娜娜'], ['买买提·艾力']])('%s is masked to its first character and two stars', (name) => {
    expect(maskPersonName(name)).toBe(`${[...name][0]}**`);
  });
  it('masks an identity number to 6 digits, 8 stars and 4 digits whatever its length', () => {
    expect(maskResidentId('350102199001011234')).toBe('350102********1234');
    expect(maskResidentId('350102900101123')).toBe('350102********1123');
    expect(maskResidentId('12345')).toBe('*'.repeat(18));
  });
});

describe('document numbers', () => {
  it.each(['闽政办〔2014〕52号', '闽政办[2014]52号', '闽政办（2014）52号', '闽政办【2014】52号', '闽政办 (２０１４) 52 号'])(
    '%s normalises to the 〔〕 form',
    (written) => expect(normalizeDocNumber(written)).toBe('闽政办〔2014〕52号'),
  );
});
