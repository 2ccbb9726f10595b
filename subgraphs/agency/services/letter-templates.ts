import { RequestOutcome } from '../entities/request-enums';
import { LetterKind } from '../entities/letter.entity';

/**
 * 告知书、答复书 — the wording of each statutory letter of a disclosure request, from the facts of
 * the step that requires it. The articles are those of 《中华人民共和国政府信息公开条例》 (2019);
 * the remedies those of 《中华人民共和国行政复议法》 (2023) 第二十条 and 《中华人民共和国行政诉讼法》
 * 第四十六条. Dates are the ones the request's clock computed, never recomputed here.
 */

const REGULATION = '《中华人民共和国政府信息公开条例》';

/** What every letter of a request says: who sends it, about which request. */
export interface LetterHeading {
  agencyName: string;
  requestId: string;
  requesterName: string;
  submittedOn: string;
  receivedOn: string | null;
  issuedOn: string;
}

/** The facts of each kind of letter, as its step recorded them. */
export type LetterFacts =
  | { kind: LetterKind.SUPPLEMENT_NOTICE; unclear: string; supplementDueOn: string; supplementWorkingDays: number }
  | { kind: LetterKind.EXTENSION_NOTICE; reason: string; days: number; replyDueOn: string }
  | { kind: LetterKind.CONSULTATION_LETTER; matter: string; answerDueOn: string; consultationWorkingDays: number }
  | { kind: LetterKind.REASONS_NOTICE; notice: string; reasonsDueOn: string }
  | { kind: LetterKind.FEE_NOTICE; amountYuan: number; basis: string; feePaymentDueOn: string }
  | { kind: LetterKind.REPLY; outcome: RequestOutcome; responseText: string; releasedFiles: ReleasedFileFact[] };

/** A file released with the reply, as the reply lists it. */
export interface ReleasedFileFact {
  number: number;
  fileName: string;
  bytes: number;
}

/** 随本答复书提供的政府信息 — the reply's list of the files released with it. */
export function releasedFilesParagraph(files: readonly ReleasedFileFact[]): string {
  return `随本答复书提供的政府信息：${files.map((f) => `${f.number}. ${f.fileName}（${f.bytes}字节）`).join('；')}。`;
}

/** A letter's wording, before layout. */
export interface LetterWording {
  title: string;
  salutation: string;
  paragraphs: string[];
}

/** "2026年12月15日". */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * 法律依据 of each reply outcome (table 3's categories): the article (and clause) the reply rests on,
 * as the letter cites it.
 */
export const OUTCOME_BASIS: Record<RequestOutcome, string> = {
  DISCLOSED: '第三十六条第（二）项',
  PARTLY_DISCLOSED: '第三十六条第（二）项、第（三）项和第三十七条',
  NOT_DISCLOSED_STATE_SECRET: '第十四条和第三十六条第（三）项',
  NOT_DISCLOSED_OTHER_LAW: '第十四条和第三十六条第（三）项',
  NOT_DISCLOSED_THREE_SECURITIES_ONE_STABILITY: '第十四条和第三十六条第（三）项',
  NOT_DISCLOSED_THIRD_PARTY_RIGHTS: '第十五条、第三十二条和第三十六条第（三）项',
  NOT_DISCLOSED_INTERNAL_AFFAIRS: '第十六条第一款和第三十六条第（三）项',
  NOT_DISCLOSED_PROCESS_INFORMATION: '第十六条第二款和第三十六条第（三）项',
  NOT_DISCLOSED_LAW_ENFORCEMENT_CASE_FILE: '第十六条第二款和第三十六条第（三）项',
  NOT_DISCLOSED_ADMINISTRATIVE_ENQUIRY: '第三十六条第（七）项',
  CANNOT_PROVIDE_NOT_HELD: '第三十六条第（四）项',
  CANNOT_PROVIDE_NEEDS_CREATION: '第三十八条',
  CANNOT_PROVIDE_STILL_UNCLEAR: '第三十条',
  NOT_PROCESSED_PETITION: '第三十九条第一款',
  NOT_PROCESSED_REPEAT: '第三十六条第（六）项',
  NOT_PROCESSED_PUBLICATION: '第三十九条第二款',
  NOT_PROCESSED_EXCESSIVE: '第三十五条',
  NOT_PROCESSED_CONFIRM_OBTAINED: '第三十九条第二款',
  OTHER_NO_SUPPLEMENT: '第三十条',
  OTHER_FEE_UNPAID: '第四十二条',
  OTHER: '第三十六条',
};

/** 救济途径 — what a requester who disagrees may do, and by when. */
export function remediesParagraph(letter: string): string {
  return `如对本${letter}不服，可以自知道该行政行为之日起六十日内依法申请行政复议（《中华人民共和国行政复议法》第二十条），`
    + '也可以自知道或者应当知道作出行政行为之日起六个月内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）。';
}

function requestLine(h: LetterHeading): string {
  const received = h.receivedOn ? `，本机关于${chineseDate(h.receivedOn)}收到` : '';
  return `您于${chineseDate(h.submittedOn)}提出的政府信息公开申请（申请编号：${h.requestId}）${received}。`;
}

/** The wording of a letter: title, salutation and paragraphs. */
export function wordLetter(h: LetterHeading, facts: LetterFacts): LetterWording {
  const to = `${h.requesterName}：`;
  switch (facts.kind) {
    case LetterKind.SUPPLEMENT_NOTICE:
      return {
        title: '政府信息公开申请补正告知书', salutation: to,
        paragraphs: [
          `${requestLine(h)}经审查，您的申请内容不够明确，需要补正的事项如下：${facts.unclear}`,
          `根据${REGULATION}第三十条，请您在收到本告知书之日起${facts.supplementWorkingDays}个工作日内，即${chineseDate(facts.supplementDueOn)}前，`
            + '对申请作出补正，写明所需政府信息的名称、文号或者便于查询的其他特征性描述。答复期限自本机关收到补正的申请之日起计算。',
          '无正当理由逾期不补正的，视为您放弃申请，本机关不再处理该政府信息公开申请。',
          remediesParagraph('告知书'),
        ],
      };
    case LetterKind.EXTENSION_NOTICE:
      return {
        title: '政府信息公开申请延期答复告知书', salutation: to,
        paragraphs: [
          `${requestLine(h)}因${facts.reason}，本机关不能在规定期限内作出答复。`,
          `根据${REGULATION}第三十三条第二款，经本机关政府信息公开工作机构负责人同意，答复期限延长${facts.days}个工作日，`
            + `本机关将在${chineseDate(facts.replyDueOn)}前作出答复。`,
          remediesParagraph('告知书'),
        ],
      };
    case LetterKind.CONSULTATION_LETTER:
      return {
        title: '政府信息公开征求第三方意见函', salutation: '相关第三方：',
        paragraphs: [
          `本机关收到一件政府信息公开申请（申请编号：${h.requestId}），所申请公开的信息可能损害您（单位）的合法权益：${facts.matter}`,
          `根据${REGULATION}第三十二条，请您在收到本函之日起${facts.consultationWorkingDays}个工作日内，即${chineseDate(facts.answerDueOn)}前，`
            + '书面提出是否同意公开的意见及理由。逾期未提出意见的，由本机关依照条例的规定决定是否公开。',
          '第三方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，'
            + '并将决定公开的政府信息内容和理由书面告知第三方。',
        ],
      };
    case LetterKind.REASONS_NOTICE:
      return {
        title: '政府信息公开申请说明理由通知书', salutation: to,
        paragraphs: [
          `${requestLine(h)}${facts.notice}`,
          `根据${REGULATION}第三十五条，您的申请数量、频次明显超过合理范围，请您在${chineseDate(facts.reasonsDueOn)}前说明理由。`
            + '本机关认为理由不合理的，告知您不予处理；认为理由合理，但是无法在规定期限内答复的，可以确定延迟答复的合理期限并告知您。',
          remediesParagraph('通知书'),
        ],
      };
    case LetterKind.FEE_NOTICE:
      return {
        title: '政府信息公开信息处理费收费通知书', salutation: to,
        paragraphs: [
          `${requestLine(h)}您的申请数量、频次明显超过合理范围。根据${REGULATION}第四十二条和《政府信息公开信息处理费管理办法》，`
            + `本机关对该申请收取信息处理费人民币${facts.amountYuan}元（${facts.basis}）。`,
          `请您在${chineseDate(facts.feePaymentDueOn)}前缴纳。缴费期间答复期限中止计算，自本机关收到费用之日起继续计算；逾期未缴纳的，视为您放弃申请，本机关不再处理该申请。`,
          remediesParagraph('通知书'),
        ],
      };
    case LetterKind.REPLY:
      return {
        title: '政府信息公开申请答复书', salutation: to,
        paragraphs: [
          `${requestLine(h)}现答复如下：`,
          ...facts.responseText.split(/\n+/).map((p) => p.trim()).filter(Boolean),
          ...(facts.releasedFiles.length ? [releasedFilesParagraph(facts.releasedFiles)] : []),
          `本答复的依据：${REGULATION}${OUTCOME_BASIS[facts.outcome]}。`,
          remediesParagraph('答复'),
        ],
      };
  }
}
