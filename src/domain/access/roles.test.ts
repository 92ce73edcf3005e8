import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, canGrant, canManageUser, isRole, permissionsOf, ROLES, scopesFor, type RoleGrant } from './roles.ts';

const town = '/1/2/';
const village = '/1/2/9/';
const otherTown = '/1/3/';

test('a grant covers its agency and the subtree below it, not siblings or parents', () => {
  const grants: RoleGrant[] = [{ role: 'officer', agencyId: 2, agencyPath: town }];
  assert.equal(can(grants, 'request.handle', town), true);
  assert.equal(can(grants, 'request.handle', village), true);
  assert.equal(can(grants, 'request.handle', otherTown), false);
  assert.equal(can(grants, 'request.handle', '/1/'), false);
});

test('separation of duties: the editor drafts, the reviewer reviews, the approver approves', () => {
  const table: Array<[(typeof ROLES)[number], 'item.draft' | 'item.review' | 'item.approve', boolean]> = [
    ['editor', 'item.draft', true], ['editor', 'item.review', false], ['editor', 'item.approve', false],
    ['reviewer', 'item.draft', false], ['reviewer', 'item.review', true], ['reviewer', 'item.approve', false],
    ['approver', 'item.draft', false], ['approver', 'item.review', false], ['approver', 'item.approve', true],
    ['admin', 'item.approve', false],
  ];
  for (const [role, permission, expected] of table) {
    assert.equal(can([{ role, agencyId: 2, agencyPath: town }], permission, town), expected, `${role} ${permission}`);
  }
});

test('only the administrator manages agencies and users', () => {
  for (const role of ROLES) {
    assert.equal(permissionsOf(role).includes('user.manage'), role === 'admin', role);
    assert.equal(permissionsOf(role).includes('console.enter'), true, role);
  }
});

test('scopesFor keeps only the outermost subtrees', () => {
  const grants: RoleGrant[] = [
    { role: 'officer', agencyId: 9, agencyPath: village },
    { role: 'officer', agencyId: 2, agencyPath: town },
    { role: 'editor', agencyId: 3, agencyPath: otherTown },
  ];
  assert.deepEqual(scopesFor(grants, 'request.handle'), [town]);
  assert.deepEqual(scopesFor(grants, 'item.draft'), [town, otherTown]);
  assert.equal(isRole('admin'), true);
  assert.equal(isRole('root'), false);
});

test('managing a user needs every role they hold inside one’s own subtree; granting, a role no wider than one’s own', () => {
  const county = '/1/';
  const townAdmin: RoleGrant[] = [{ role: 'admin', agencyId: 2, agencyPath: town }];
  const countyAdmin: RoleGrant[] = [{ role: 'admin', agencyId: 1, agencyPath: county }];
  const officer: RoleGrant[] = [{ role: 'officer', agencyId: 2, agencyPath: town }];
  const table: Array<[string, RoleGrant[], { agencyPath: string; grants: RoleGrant[] }, boolean]> = [
    ['town admin → town editor', townAdmin, { agencyPath: village, grants: [{ role: 'editor', agencyId: 9, agencyPath: village }] }, true],
    ['town admin → county admin homed in the town', townAdmin, { agencyPath: town, grants: countyAdmin }, false],
    ['town admin → town editor also editor at the county', townAdmin, { agencyPath: town, grants: [{ role: 'editor', agencyId: 2, agencyPath: town }, { role: 'editor', agencyId: 1, agencyPath: county }] }, false],
    ['town admin → another town’s officer', townAdmin, { agencyPath: otherTown, grants: [{ role: 'officer', agencyId: 3, agencyPath: otherTown }] }, false],
    ['town admin → county user without roles', townAdmin, { agencyPath: county, grants: [] }, false],
    ['county admin → county admin homed in the town', countyAdmin, { agencyPath: town, grants: countyAdmin }, true],
    ['officer → anyone', officer, { agencyPath: village, grants: [] }, false],
  ];
  for (const [label, grants, user, expected] of table) assert.equal(canManageUser(grants, user), expected, label);
  assert.equal(canGrant(townAdmin, 'admin', town), true, 'an administrator may appoint administrators below');
  assert.equal(canGrant(townAdmin, 'officer', village), true, 'and staff, whose working permissions they do not hold themselves');
  assert.equal(canGrant(townAdmin, 'admin', county), false, 'not above');
  assert.equal(canGrant(townAdmin, 'editor', otherTown), false, 'not beside');
  assert.equal(canGrant(officer, 'editor', town), false, 'without user.manage, nothing');
});
