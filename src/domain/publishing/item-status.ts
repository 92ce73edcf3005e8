/**
 * Where an item version stands in the publication workflow (architecture.md, “Workflows”):
 * draft → submitted → scanned → reviewed → approved → scheduled → published → revised / withdrawn /
 * expired, with returned sending it back to the drafter. Nothing reaches the portal without passing
 * the confidentiality review (《保密法》; 条例第十七条：“行政机关应当建立健全政府信息公开审查机制”).
 */

/** Every workflow status of an item version. */
export const ITEM_STATUSES = [
  'draft',
  'submitted',
  'scanned',
  'returned',
  'reviewed',
  'approved',
  'scheduled',
  'published',
  'revised',
  'withdrawn',
  'expired',
] as const;

/** One of `ITEM_STATUSES`. */
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Whether a value is a known item status. */
export function isItemStatus(value: unknown): value is ItemStatus {
  return typeof value === 'string' && (ITEM_STATUSES as readonly string[]).includes(value);
}

/** The console label of each status. */
export const ITEM_STATUS_LABELS: Readonly<Record<ItemStatus, string>> = {
  draft: '草稿',
  submitted: '已报送',
  scanned: '已完成敏感信息检测',
  returned: '已退回修改',
  reviewed: '保密审查通过',
  approved: '已审核批准',
  scheduled: '待定时发布',
  published: '已发布',
  revised: '已被新版本替代',
  withdrawn: '已撤回',
  expired: '已到期下线',
};

/** Whether a status means the version has not yet been published (it still counts against the 第二十六条 deadline). */
export function isBeforePublication(status: ItemStatus): boolean {
  switch (status) {
    case 'draft':
    case 'submitted':
    case 'scanned':
    case 'returned':
    case 'reviewed':
    case 'approved':
    case 'scheduled':
      return true;
    case 'published':
    case 'revised':
    case 'withdrawn':
    case 'expired':
      return false;
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}

/** Whether a version is the one the portal shows now. */
export function isLive(status: ItemStatus): boolean {
  return status === 'published';
}
