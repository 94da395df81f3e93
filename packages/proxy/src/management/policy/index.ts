/**
 * The management API's policy: who may do what, checked in this one module. Routes load what an
 * action touches, then ask `authorize` (roles and scope), `checkKeyGrant` / `checkTeamUpdateGrant`
 * (a key or a team admin never grants more than it has) and `authorizeRoute` (a key's
 * `allowed_routes`).
 */
export { type Actor, actorOf, isTeamAdmin, memberRole } from './actor.js';
export {
  authorize,
  authorizeRoute,
  type KeyOwner,
  type ManagementAction,
  type PolicyTargets,
} from './authorize.js';
export { checkKeyGrant, checkTeamUpdateGrant, type GrantBounds, type KeyGrant } from './grants.js';
