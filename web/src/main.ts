import { createApp } from 'vue';
import 'element-plus/dist/index.css';
import './styles.css';
import App from './App.vue';
import { router } from './router';
import { loadRuntimeConfig } from './config';
import { locale } from './i18n';
import { applyLargeText } from './display';

document.documentElement.lang = locale.value;
applyLargeText();
loadRuntimeConfig()
  .then(() => createApp(App).use(router).mount('#app'))
  .catch((error: unknown) => {
    document.body.textContent = `无法加载配置 / Cannot load configuration: ${String(error)}`;
  });
