/**
 * Pages by role. The citizen pages are in the first load; staff pages (and ECharts) are
 * separate chunks loaded on first visit, so the catalog a citizen opens stays small.
 */
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import Catalog from './pages/citizen/CatalogPage.vue';
import { session, type Role } from './session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Roles that may open the page; none = public. */
    roles?: Role[];
  }
}

const CITIZEN: Role[] = ['citizen', 'proxy'];

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'catalog', component: Catalog },
  { path: '/services/:serviceId', name: 'service', component: () => import('./pages/citizen/ServicePage.vue') },
  { path: '/services/:serviceId/apply', name: 'apply', component: () => import('./pages/citizen/ApplyPage.vue'), meta: { roles: CITIZEN } },
  {
    path: '/applications',
    name: 'applications',
    component: () => import('./pages/citizen/MyApplicationsPage.vue'),
    meta: { roles: CITIZEN },
  },
  {
    path: '/applications/:id',
    name: 'application',
    component: () => import('./pages/citizen/ApplicationPage.vue'),
    meta: { roles: CITIZEN },
  },
  { path: '/messages', name: 'messages', component: () => import('./pages/citizen/MessagesPage.vue'), meta: { roles: CITIZEN } },
  { path: '/officer', name: 'inbox', component: () => import('./pages/officer/InboxPage.vue'), meta: { roles: ['officer'] } },
  { path: '/officer/tasks/:taskId', name: 'task', component: () => import('./pages/officer/TaskPage.vue'), meta: { roles: ['officer'] } },
  { path: '/inspector', name: 'inspector', component: () => import('./pages/inspector/DashboardPage.vue'), meta: { roles: ['inspector'] } },
  { path: '/official', name: 'official', component: () => import('./pages/official/WalkthroughsPage.vue'), meta: { roles: ['official'] } },
  {
    path: '/official/walkthroughs/:id',
    name: 'walkthrough',
    component: () => import('./pages/official/WalkthroughPage.vue'),
    meta: { roles: ['official'] },
  },
  { path: '/sign-in', name: 'sign-in', component: () => import('./pages/SignInPage.vue') },
  { path: '/auth/callback', name: 'auth-callback', component: () => import('./pages/AuthCallbackPage.vue') },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
];

export const router = createRouter({ history: createWebHistory(), routes, scrollBehavior: () => ({ top: 0 }) });

router.beforeEach((to) => {
  const roles = to.meta.roles;
  if (!roles) return true;
  if (!session.value) return { name: 'sign-in', query: { next: to.fullPath } };
  return roles.includes(session.value.role) ? true : { name: 'sign-in', query: { next: to.fullPath, denied: '1' } };
});
