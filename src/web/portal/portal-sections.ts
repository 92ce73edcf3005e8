/** The disclosure column's sections (政府信息公开专栏), in the order portals show them. */

export interface PortalSection {
  slug: string;
  title: string;
  /** What the section holds, and the provision that requires it. */
  summary: string;
  basis: string;
}

export const PORTAL_SECTIONS: readonly PortalSection[] = [
  {
    slug: 'guide',
    title: '信息公开指南',
    summary: '政府信息的分类、编排体系、获取方式，以及政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式。',
    basis: '《中华人民共和国政府信息公开条例》第十二条',
  },
  {
    slug: 'rules',
    title: '信息公开制度',
    summary: '本机关政府信息公开工作制度：发布审核、保密审查、依申请公开办理、考核与责任追究等。',
    basis: '条例第四条、第四十五条',
  },
  {
    slug: 'catalogue',
    title: '法定主动公开内容',
    summary: '按条例第二十条、第二十一条列明的主动公开事项分类的信息公开目录：索引号、名称、生成日期、发布机构，可按类别、年份、有效性浏览和全文检索。',
    basis: '条例第二十条、第二十一条、第二十六条',
  },
  {
    slug: 'annual-reports',
    title: '政府信息公开年报',
    summary: '历年政府信息公开工作年度报告，按国办公开办函〔2021〕30号格式，附主动公开、依申请公开、行政复议与诉讼统计表。',
    basis: '条例第四十九条、第五十条',
  },
  {
    slug: 'apply',
    title: '依申请公开',
    summary: '在线提交政府信息公开申请，凭受理编号和查询码查询办理进度、下载答复文书；也可信函、传真或当面申请。',
    basis: '条例第二十七条至第四十五条',
  },
  {
    slug: 'request-statistics',
    title: '依申请公开统计',
    summary: '历年收到和处理政府信息公开申请的数量：按申请渠道、按办理结果，分机关、单位列出，可选择年份。只公布数量，不含任何申请人信息。',
    basis: '条例第五十条第（二）项（年度报告应当包括“行政机关收到和处理政府信息公开申请的情况”）',
  },
  {
    slug: 'interpretations',
    title: '政策解读',
    summary: '与政策文件同步发布的解读材料，每篇解读均链接到所解读的文件。',
    basis: '条例第六条',
  },
  {
    slug: 'village-affairs',
    title: '村务公开',
    summary: '各村（社区）的公开栏目：村务、财务、惠民补贴等事项。',
    basis: '条例第二十一条（乡镇应主动公开农村土地承包经营权流转、宅基地使用情况审核、筹资筹劳、社会救助等信息）',
  },
];
