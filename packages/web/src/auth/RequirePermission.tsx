import type { ReactNode } from 'react';
import ForbiddenPage from '../pages/forbidden/ForbiddenPage.js';
import { type Permission, useCan } from './permissions.js';

/**
 * Shows a page only to a user holding its permission, and a 403 page to the others. Opened by address,
 * the pages used to ask the API anyway: a firm user got an error box, an endless skeleton and a target
 * line at 0 on the dashboards, and a viewer the raw permission code on the users page.
 */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  return can(permission) ? children : <ForbiddenPage permission={permission} />;
}
