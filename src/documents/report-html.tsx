/**
 * The official HTML of an annual report: one self-contained, accessible page (lang zh-CN, one h1, parts
 * as h2, tables with captions, column and row headers with their scope, and the merged header cells of the
 * official tables as colspan/rowspan), printable on A4. Escaped by hono/jsx.
 */
import type { CellRef, ReportSnapshot } from '../domain/reports/index.ts';
import { printedSections, reportTitle, type PrintedCell, type PrintedTable } from './report-layout.ts';

const STYLE = `
body{font-family:SimSun,宋体,Noto Serif CJK SC,serif;max-width:50em;margin:2em auto;padding:0 1em;line-height:1.8;color:#111}
h1{font-size:1.6em;text-align:center;font-weight:bold;margin:1em 0}
h2{font-size:1.15em;margin:1.2em 0 .4em}
p{text-indent:2em;margin:.3em 0}
p.meta{text-indent:0;text-align:center;color:#444}
table{border-collapse:collapse;width:100%;margin:.8em 0 1.2em;font-size:.92em}
caption{font-weight:bold;padding:.3em}
th,td{border:1px solid #333;padding:.25em .4em;vertical-align:middle}
th{font-weight:normal;text-align:center}
th[scope=row],th[scope=rowgroup]{text-align:left}
td{text-align:center}
@page{size:A4;margin:2.5cm 2.2cm}
@media print{body{margin:0;max-width:none}}
`;

/** Where a value cell links to (the console's trace of its records); null for no link. */
export type CellHref = (ref: CellRef) => string | null;

function Cell({ cell, href }: { cell: PrintedCell; href?: CellHref | undefined }) {
  const spans = { ...(cell.colSpan > 1 && { colspan: cell.colSpan }), ...(cell.rowSpan > 1 && { rowspan: cell.rowSpan }) };
  if (!cell.heading) {
    const to = cell.ref && href ? href(cell.ref) : null;
    return <td {...spans}>{to === null ? cell.text : <a href={to}>{cell.text}</a>}</td>;
  }
  const scope = cell.scope === 'col' ? (cell.colSpan > 1 ? 'colgroup' : 'col') : cell.rowSpan > 1 ? 'rowgroup' : 'row';
  return <th scope={scope} {...spans}>{cell.text}</th>;
}

/** One printed table; with `href`, each value links to the records behind it. */
export function ReportTableView({ table, href }: { table: PrintedTable; href?: CellHref | undefined }) {
  return (
    <table data-tables={table.ids.join(' ')}>
      <caption>{table.caption}</caption>
      {table.head.length > 0 && (
        <thead>
          {table.head.map((row) => (
            <tr>
              {row.map((c) => (
                <Cell cell={c} href={href} />
              ))}
            </tr>
          ))}
        </thead>
      )}
      <tbody>
        {table.body.map((row) => (
          <tr>
            {row.map((c) => (
              <Cell cell={c} href={href} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Options of the page. */
export interface ReportHtmlOptions {
  /** A line under the title, e.g. the finalisation date and content hash. */
  readonly note?: string;
}

/** Renders a report as a complete HTML document. */
export function renderReportHtml(report: ReportSnapshot, options: ReportHtmlOptions = {}): string {
  const title = reportTitle(report);
  const page = (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <main>
          <h1>{title}</h1>
          {options.note && <p class="meta">{options.note}</p>}
          {(report.preface ?? []).map((p) => (
            <p>{p.text}</p>
          ))}
          {printedSections(report).map((s) => (
            <section>
              {s.title !== '' && <h2>{s.title}</h2>}
              {s.paragraphs.map((p) => (
                <p>{p}</p>
              ))}
              {s.tables.map((t) => (
                <ReportTableView table={t} />
              ))}
            </section>
          ))}
        </main>
      </body>
    </html>
  );
  return `<!DOCTYPE html>\n${page.toString()}`;
}
