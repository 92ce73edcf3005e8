/**
 * The parts of a report and their titles, verbatim per format: the six parts of the 2019 and 2021
 * formats (domain-reference §2.1.1, §2.2) and the parts of a 2008-era report, which follow 旧条例第三十二条
 * （主动公开；依申请公开；收费及减免；复议、诉讼；问题及改进；其他） as the seed report does.
 */
import type { ReportFormat } from './report-formats.ts';

/** Every kind of part a report can have. */
export const SECTION_KEYS = ['overview', 'proactive', 'requests', 'appeals', 'fees', 'organisation', 'problems', 'other'] as const;

/** One of `SECTION_KEYS`. */
export type SectionKey = (typeof SECTION_KEYS)[number];

/** One part of a format's outline; an optional part is printed only when it has content. */
export interface SectionOutline {
  readonly key: SectionKey;
  readonly title: string;
  readonly optional: boolean;
}

const part = (key: SectionKey, title: string, optional = false): SectionOutline => ({ key, title, optional });

/** The outline of each format, in order. */
export const SECTION_OUTLINES: Readonly<Record<ReportFormat, readonly SectionOutline[]>> = {
  // 国办公开办函〔2021〕30号：“一、总体情况 … 六、其他需要报告的事项”.
  '2021': [
    part('overview', '一、总体情况'),
    part('proactive', '二、主动公开政府信息情况'),
    part('requests', '三、收到和处理政府信息公开申请情况'),
    part('appeals', '四、政府信息公开行政复议、行政诉讼情况'),
    part('problems', '五、存在的主要问题及改进情况'),
    part('other', '六、其他需要报告的事项'),
  ],
  // 国办公开办函〔2019〕60号 as reports printed it (上海市人民政府办公厅2019年报).
  '2019': [
    part('overview', '一、总体情况'),
    part('proactive', '二、主动公开政府信息情况'),
    part('requests', '三、收到和处理政府信息公开申请情况'),
    part('appeals', '四、政府信息公开行政复议、行政诉讼情况'),
    part('problems', '五、政府信息公开工作存在的主要问题及改进情况'),
    part('other', '六、其他需要报告的事项'),
  ],
  // 旧条例第三十二条 ordered as the seed report (黔城镇2017): 概述 … 存在的主要问题和改进措施.
  '2008': [
    part('overview', '一、概述'),
    part('proactive', '二、主动公开政府信息情况'),
    part('requests', '三、依申请公开政府信息情况'),
    part('appeals', '四、复议、诉讼情况'),
    part('fees', '五、收费及减免情况'),
    part('organisation', '六、机构、人员和经费情况'),
    part('problems', '七、存在的主要问题和改进措施'),
    part('other', '八、其他需要报告的事项', true),
  ],
};
