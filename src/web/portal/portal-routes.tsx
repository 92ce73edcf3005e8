/** The public portal: the disclosure column of the portal agency. Server-rendered, no JavaScript. */
import { Hono, type Context } from 'hono';
import type { Agency } from '../../domain/organisations/agency.ts';
import { AGENCY_KIND_LABELS } from '../../domain/organisations/agency.ts';
import { PORTAL_AGENCY_SETTING } from '../../services/initialise-database.ts';
import { NotFoundError } from '../../services/errors.ts';
import type { AppEnv } from '../context.ts';
import { Breadcrumb, Layout } from '../views/layout.tsx';
import { PORTAL_SECTIONS, type PortalSection } from './portal-sections.ts';

interface PortalData {
  agency: Agency;
  children: Agency[];
}

async function loadPortal(c: Context<AppEnv>): Promise<PortalData> {
  const services = c.get('services');
  const id = Number(await services.settings.get(PORTAL_AGENCY_SETTING));
  const all = await services.agencies.all();
  const agency = all.find((a) => a.id === id) ?? all[0];
  if (!agency) throw new NotFoundError('本平台尚未设置机构');
  return { agency, children: all.filter((a) => a.parentId === agency.id) };
}

function PortalPage(props: { c: Context<AppEnv>; data: PortalData; title: string; current?: string; children?: unknown }) {
  const { agency } = props.data;
  const nav = [
    { href: '/', label: '首页', current: props.current === 'home' },
    ...PORTAL_SECTIONS.map((s) => ({ href: `/xxgk/${s.slug}`, label: s.title, current: props.current === s.slug })),
  ];
  return (
    <Layout
      title={props.title}
      siteName={`${agency.name}`}
      siteSubtitle="政府信息公开"
      homeHref="/"
      nav={nav}
      largeText={props.c.get('largeText')}
      path={props.c.req.path}
      tools={<a href="/console">工作人员登录</a>}
      footer={<ContactBlock agency={agency} />}
    >
      {props.children as never}
    </Layout>
  );
}

/** The agency's contact block (条例第十二条 fields), shown in the footer of every portal page. */
export function ContactBlock(props: { agency: Agency }) {
  const a = props.agency;
  return (
    <section aria-labelledby="contact-heading">
      <h2 id="contact-heading">联系我们</h2>
      <dl class="contact">
        <dt>政府信息公开工作机构</dt>
        <dd>{a.disclosureOffice || a.name}</dd>
        {a.address && (<><dt>办公地址</dt><dd>{a.address}</dd></>)}
        {a.postcode && (<><dt>邮政编码</dt><dd>{a.postcode}</dd></>)}
        {a.officeHours && (<><dt>办公时间</dt><dd>{a.officeHours}</dd></>)}
        {a.phone && (<><dt>联系电话</dt><dd><a href={`tel:${a.phone.replace(/[^\d]/g, '')}`}>{a.phone}</a></dd></>)}
        {a.fax && (<><dt>传真</dt><dd>{a.fax}</dd></>)}
        {a.email && (<><dt>电子邮箱</dt><dd><a href={`mailto:${a.email}`}>{a.email}</a></dd></>)}
      </dl>
    </section>
  );
}

function SectionCard(props: { section: PortalSection }) {
  return (
    <article class="card">
      <h2>
        <a href={`/xxgk/${props.section.slug}`}>{props.section.title}</a>
      </h2>
      <p>{props.section.summary}</p>
    </article>
  );
}

/** Routes of the public portal. */
export function portalRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const data = await loadPortal(c);
    return c.html(
      <PortalPage c={c} data={data} title="政府信息公开" current="home">
        <h1>{data.agency.name}政府信息公开</h1>
        <p>
          本栏目依据《中华人民共和国政府信息公开条例》设立，公开{data.agency.name}及所属站所、村（社区）的政府信息，
          受理政府信息公开申请。
        </p>
        <div class="grid three">
          {PORTAL_SECTIONS.map((s) => (
            <SectionCard section={s} />
          ))}
        </div>
      </PortalPage>,
    );
  });

  app.get('/xxgk/:slug', async (c) => {
    const section = PORTAL_SECTIONS.find((s) => s.slug === c.req.param('slug'));
    if (!section) throw new NotFoundError('您访问的栏目不存在');
    const data = await loadPortal(c);
    return c.html(
      <PortalPage c={c} data={data} title={section.title} current={section.slug}>
        <Breadcrumb items={[{ href: '/', label: '首页' }, { label: section.title }]} />
        <h1>{section.title}</h1>
        <p>{section.summary}</p>
        <p class="hint">依据：{section.basis}</p>
        <SectionBody section={section} data={data} />
      </PortalPage>,
    );
  });

  return app;
}

function SectionBody(props: { section: PortalSection; data: PortalData }) {
  const { agency, children } = props.data;
  switch (props.section.slug) {
    case 'guide':
      return (
        <>
          <h2>政府信息公开工作机构</h2>
          <ContactBlock agency={agency} />
          <h2>所属单位</h2>
          <UnitList units={children} />
          <div class="notice">
            <p>政府信息的分类与编排体系、主动公开与依申请公开的获取方式将由信息公开目录生成并在此列出。</p>
          </div>
        </>
      );
    case 'village-affairs': {
      const villages = children.filter((a) => a.kind === 'village' || a.kind === 'community');
      return (
        <>
          <h2>各村（社区）公开栏目</h2>
          <UnitList units={villages} />
          <div class="notice">
            <p>各村（社区）发布的村务公开信息将在对应栏目中按时间列出。</p>
          </div>
        </>
      );
    }
    default:
      return (
        <div class="notice">
          <p>本栏目的内容由工作人员在工作台发布后显示在这里。目前尚无已发布的信息。</p>
        </div>
      );
  }
}

function UnitList(props: { units: Agency[] }) {
  if (props.units.length === 0) return <p>暂无所属单位。</p>;
  return (
    <div class="table-scroll">
      <table>
        <caption class="visually-hidden">所属单位</caption>
        <thead>
          <tr>
            <th scope="col">名称</th>
            <th scope="col">类型</th>
            <th scope="col">办公地址</th>
            <th scope="col">联系电话</th>
          </tr>
        </thead>
        <tbody>
          {props.units.map((u) => (
            <tr>
              <td>{u.name}</td>
              <td>{AGENCY_KIND_LABELS[u.kind]}</td>
              <td>{u.address}</td>
              <td>{u.phone || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
