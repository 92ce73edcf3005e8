/**
 * What `decide` is told about the world: today's date, the instant to stamp on events, who is
 * acting with which role grants, and the official working-day calendar. The domain reads no clock.
 */
import type { RoleGrant } from '../access/roles.ts';
import type { HolidayCalendar } from '../calendar/index.ts';

/** The user acting; an applicant on the portal has no grants. */
export interface Actor {
  readonly userId: string;
  readonly grants: readonly RoleGrant[];
}

/** The context of one decision. */
export interface DecisionContext {
  /** Today in Asia/Shanghai, YYYY-MM-DD. */
  readonly today: string;
  /** Now, an ISO instant (UTC). */
  readonly at: string;
  readonly actor: Actor;
  readonly calendar: HolidayCalendar;
}
