/**
 * The three shapes an annual report (政府信息公开工作年度报告) has had: the 2008-era narrative report
 * under 旧条例第三十二条 (no national tables), the 2019 trial format (国办公开办函〔2019〕60号) and the
 * current format (国办公开办函〔2021〕30号). Which one a year uses is a default the caller may override.
 */

/** The report formats, oldest first. */
export const REPORT_FORMATS = ['2008', '2019', '2021'] as const;

/** One of `REPORT_FORMATS`. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Whether a value is one of the report formats. */
export function isReportFormat(value: unknown): value is ReportFormat {
  return typeof value === 'string' && (REPORT_FORMATS as readonly string[]).includes(value);
}

/** The instrument that prescribes each format, as reports cite it. */
export const REPORT_FORMAT_SOURCES: Readonly<Record<ReportFormat, string>> = {
  '2008': '《中华人民共和国政府信息公开条例》（国务院令第492号）第三十二条',
  '2019': '国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》',
  '2021': '国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》',
};

/** The format a report year uses by default: ≤2018 narrative, 2019–2020 the trial format, later the 2021 format. */
export function defaultFormatFor(year: number): ReportFormat {
  // 60号 applies from the 2019 report (新条例 in force 2019-05-15); 30号 was issued 2021-09-26 for the 2021 reports on.
  if (year <= 2018) return '2008';
  if (year <= 2020) return '2019';
  return '2021';
}

/** Whether a format prints the official tables 二、三、四. */
export function hasOfficialTables(format: ReportFormat): boolean {
  switch (format) {
    case '2008':
      return false;
    case '2019':
    case '2021':
      return true;
    default: {
      const unreachable: never = format;
      throw new Error(`未知的年报格式：${String(unreachable)}`);
    }
  }
}
