/// <reference types="vite/client" />

/** `local` (dev sign-in through /v1/dev/tokens) or `aws` (OIDC); fixed at build time. */
declare const __ONETHING_TARGET__: 'local' | 'aws';

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
