/** The Chinese error page shown for every failure: never a stack trace. */
import { Layout } from './layout.tsx';

const TITLES: Record<number, string> = {
  400: '提交的内容有误',
  401: '请先登录',
  403: '没有访问权限',
  404: '页面不存在',
  409: '操作冲突',
  413: '提交的内容过大',
  415: '不支持的提交方式',
  423: '账号已锁定',
  429: '请求过于频繁',
  500: '系统出现错误',
};

/** Renders an error page for a status and a message meant for the reader. */
export function ErrorPage(props: { status: number; message: string; largeText: boolean; path: string; reference?: string }) {
  const title = TITLES[props.status] ?? '出现错误';
  return (
    <Layout title={title} siteName="政府信息公开" homeHref="/" nav={[]} largeText={props.largeText} path={props.path}>
      <h1>{title}</h1>
      <div class={`notice ${props.status >= 500 ? 'bad' : 'warn'}`} role="alert">
        <p>{props.message}</p>
        {props.reference && <p>如需帮助，请向系统管理员提供错误编号：<span class="mono">{props.reference}</span></p>}
      </div>
      <p class="actions">
        <a href="/">返回首页</a>
        <a href="/console">进入工作台</a>
      </p>
    </Layout>
  );
}
