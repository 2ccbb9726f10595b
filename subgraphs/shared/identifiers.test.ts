import {
  creditCodeCheckChar, isValidCreditCode, isValidResidentId, maskPersonName, maskResidentId,
  normalizeDocNumber, residentIdCheckChar,
} from './identifiers';

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
  it('masks names and numbers', () => {
    expect(maskPersonName('张三丰')).toBe('张**');
    expect(maskResidentId('350102199001011234')).toBe('350102********1234');
  });
});

describe('document numbers', () => {
  it.each(['闽政办〔2014〕52号', '闽政办[2014]52号', '闽政办（2014）52号', '闽政办【2014】52号', '闽政办 (２０１４) 52 号'])(
    '%s normalises to the 〔〕 form',
    (written) => expect(normalizeDocNumber(written)).toBe('闽政办〔2014〕52号'),
  );
});
