/**
 * First start: on an empty database, create the demo organisation and its demo users (unless
 * demo data is off, in which case a single root agency), and the administrator — all in one
 * transaction. Returns the credentials to print once.
 */
import { DEMO_USERS, demoAgencies } from '../domain/organisations/demo-organisation.ts';
import { SYSTEM_ACTOR } from './access-control.ts';
import { createAgency } from './manage-agencies.ts';
import { createUser } from './manage-users.ts';
import type { Clock, UnitOfWork } from './ports.ts';
import type { ItemServiceDeps } from './manage-items.ts';
import { seedDemoItems } from './demo/seed-demo-items.ts';
import { seedDemoRequests } from './demo/seed-demo-requests.ts';

export const PORTAL_AGENCY_SETTING = 'portal.home_agency_id';

export interface InitialiseOptions {
  demo: boolean;
  /** Where demo items get their attachments, text extraction and sanitiser (demo content is skipped without). */
  demoContent?: Omit<ItemServiceDeps, 'clock' | 'uow'>;
  adminPassword?: string | undefined;
  rootAgencyName?: string;
}

export interface Credentials {
  login: string;
  role: string;
  password: string | undefined;
  note: string;
}

export interface InitialiseResult {
  created: boolean;
  credentials: Credentials[];
}

/** Initialises an empty database; does nothing (created: false) when agencies already exist. */
export async function initialiseDatabase(deps: { uow: UnitOfWork; clock: Clock }, options: InitialiseOptions): Promise<InitialiseResult> {
  if ((await deps.uow.read.agencies.count()) > 0) return { created: false, credentials: [] };
  return deps.uow.transaction(async (repos) => {
    const at = deps.clock.now().toISOString();
    const ids = new Map<string, number>();
    if (options.demo) {
      for (const [i, a] of demoAgencies().entries()) {
        const agency = await createAgency(deps, SYSTEM_ACTOR, { ...a, orgCode: '', parentId: a.parentKey ? ids.get(a.parentKey)! : null, sortOrder: i }, { system: true });
        ids.set(a.key, agency.id);
      }
      await repos.settings.set(PORTAL_AGENCY_SETTING, String(ids.get('town')), at);
    } else {
      const root = await createAgency(deps, SYSTEM_ACTOR, { kind: 'county_gov', name: options.rootAgencyName ?? '本级人民政府', parentId: null }, { system: true });
      ids.set('city', root.id);
      await repos.settings.set(PORTAL_AGENCY_SETTING, String(root.id), at);
    }
    const rootId = ids.get('city')!;
    const admin = await createUser(
      deps,
      SYSTEM_ACTOR,
      { login: 'admin', displayName: '系统管理员', agencyId: rootId, password: options.adminPassword, grants: [{ role: 'admin', agencyId: rootId }] },
      { system: true, mustChangePassword: options.adminPassword === undefined },
    );
    const credentials: Credentials[] = [
      {
        login: 'admin',
        role: '系统管理员',
        password: admin.generatedPassword,
        note: admin.generatedPassword ? '一次性随机密码，首次登录后须修改' : '密码取自 GONGKAI_ADMIN_PASSWORD',
      },
    ];
    if (options.demo) {
      for (const u of DEMO_USERS) {
        const agencyId = ids.get(u.agencyKey)!;
        await createUser(deps, SYSTEM_ACTOR, { login: u.login, displayName: u.displayName, agencyId, password: u.password, grants: [{ role: u.role, agencyId }] }, { system: true, mustChangePassword: false });
        credentials.push({ login: u.login, role: u.displayName.split(' ')[0]!, password: u.password, note: '仅供演示' });
      }
      if (options.demoContent) {
        await seedDemoItems({ ...options.demoContent, uow: deps.uow }, ids, demoAgencies());
        await seedDemoRequests({ uow: deps.uow }, ids);
      }
    }
    return { created: true, credentials };
  });
}
