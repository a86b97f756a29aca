/** 适老化 large-text mode: one class on <html> scales every rem-based size; remembered per browser. */
import { ref } from 'vue';

const KEY = 'onething.largeText';
export const largeText = ref(typeof localStorage !== 'undefined' && localStorage.getItem(KEY) === '1');

export function applyLargeText(): void {
  document.documentElement.classList.toggle('large-text', largeText.value);
}

export function toggleLargeText(): void {
  largeText.value = !largeText.value;
  localStorage.setItem(KEY, largeText.value ? '1' : '0');
  applyLargeText();
}
