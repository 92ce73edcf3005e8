/**
 * How information and letters reach the applicant: the way of obtaining it the applicant chose
 * (条例第二十九条第（三）项“获取信息的方式、途径”) and the way each letter is served (送达).
 */

/** The ways of delivery; `on_the_spot` is only for a reply given on the spot (条例第三十三条第一款). */
export const DELIVERY_METHODS = ['post', 'email', 'collect_in_person', 'online', 'fax', 'on_the_spot'] as const;

/** One of `DELIVERY_METHODS`. */
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** The ways an applicant can choose on the form (everything but `on_the_spot`). */
export const REQUESTED_DELIVERY_METHODS = ['post', 'email', 'collect_in_person', 'online', 'fax'] as const;

/** One of `REQUESTED_DELIVERY_METHODS`. */
export type RequestedDeliveryMethod = (typeof REQUESTED_DELIVERY_METHODS)[number];

/** Whether a value is one of the delivery methods. */
export function isDeliveryMethod(value: unknown): value is DeliveryMethod {
  return typeof value === 'string' && (DELIVERY_METHODS as readonly string[]).includes(value);
}

/** Whether a value is a delivery method an applicant may request. */
export function isRequestedDeliveryMethod(value: unknown): value is RequestedDeliveryMethod {
  return typeof value === 'string' && (REQUESTED_DELIVERY_METHODS as readonly string[]).includes(value);
}

/** The Chinese label of each delivery method. */
export const DELIVERY_METHOD_LABELS: Readonly<Record<DeliveryMethod, string>> = {
  post: '邮寄',
  email: '电子邮件',
  collect_in_person: '当面领取',
  online: '网上获取（在线平台）',
  fax: '传真',
  on_the_spot: '当场答复并交付',
};
